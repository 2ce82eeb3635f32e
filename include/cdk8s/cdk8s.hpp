// The cdk8s core: constructs, charts, API objects, names, JSON patches, YAML.
#pragma once

#include <cdk8s/api_object.hpp>
#include <cdk8s/app.hpp>
#include <cdk8s/chart.hpp>
#include <cdk8s/construct.hpp>
#include <cdk8s/file_output.hpp>
#include <cdk8s/json.hpp>
#include <cdk8s/json_patch.hpp>
#include <cdk8s/names.hpp>
#include <cdk8s/testing.hpp>
#include <cdk8s/yaml.hpp>
