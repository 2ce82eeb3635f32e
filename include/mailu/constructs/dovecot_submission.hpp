// Dovecot submission: the relay webmail sends through. Listens on 10025,
// trusts the pod network (webmail already authenticated the user through
// admin's SSO) and relays to Postfix on 25. Runs the official dovecot image,
// which exists for amd64 only, so the pods are pinned to amd64 nodes.
#pragma once

#include <string>

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/config_map.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/service.hpp>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct DovecotSubmissionProps {
  ComponentContext context;
  ResourceSettings resources;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  // The mail domain (postmaster address and host name).
  std::string domain;
  // Fully qualified name of the Postfix Service to relay to.
  std::string postfixAddress;
};

class DovecotSubmissionConstruct : public ComponentConstruct {
 public:
  DovecotSubmissionConstruct(cdk8s::Construct& scope, std::string_view id, const DovecotSubmissionProps& props);

  cdk8s::plus::ConfigMap& configMap() { return *configMap_; }

 private:
  cdk8s::plus::ConfigMap* configMap_;
};

// The dovecot.conf for these settings (exposed for tests of the file itself).
// Unprivileged (security.hardened): with the settings that let dovecot run
// as the mail user (constructs/files/dovecot-submission-unprivileged.conf).
std::string renderDovecotSubmissionConf(const std::string& domain, const std::string& postfixAddress,
                                        bool unprivileged = false);

}  // namespace mailu
