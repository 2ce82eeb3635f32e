// Workload builders with the defaults of cdk8s-plus, one Kubernetes kind per header.
#pragma once

#include <cdk8s_plus/config_map.hpp>
#include <cdk8s_plus/container.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/env.hpp>
#include <cdk8s_plus/kube_object.hpp>
#include <cdk8s_plus/namespace.hpp>
#include <cdk8s_plus/network_policy.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/pod_disruption_budget.hpp>
#include <cdk8s_plus/pod_dns.hpp>
#include <cdk8s_plus/pod_scheduling.hpp>
#include <cdk8s_plus/probe.hpp>
#include <cdk8s_plus/resource.hpp>
#include <cdk8s_plus/secret.hpp>
#include <cdk8s_plus/service.hpp>
#include <cdk8s_plus/volume.hpp>
