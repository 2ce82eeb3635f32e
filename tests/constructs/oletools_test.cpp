// OletoolsConstruct: Mailu's olefy for rspamd's macro scanning, no storage.
#include "mailu/constructs/oletools.hpp"

#include <stdexcept>

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class OletoolsConstruct : public ConstructTest {
 protected:
  mailu::OletoolsProps props() const { return {.context = context, .resources = resources}; }
};

TEST_F(OletoolsConstruct, RunsMailusOletoolsImageWithTheGivenResources) {
  mailu::OletoolsProps p = props();
  p.context.images.registry = "registry.local:5000/mailu";
  p.context.images.tag = "2024.06.57";
  p.resources = {"50m", "128Mi", "500m", "512Mi"};
  mailu::OletoolsConstruct oletools(chart, "oletools", p);
  const Json c = container(oletools.deployment());
  EXPECT_EQ(c.at("name"), "oletools");
  EXPECT_EQ(c.at("image"), "registry.local:5000/mailu/oletools:2024.06.57");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "500m", "memory": "512Mi"},
                                                "requests": {"cpu": "50m", "memory": "128Mi"}})"));
}

// The image's HEALTHCHECK (core/oletools/Dockerfile): PING answered by PONG.
TEST_F(OletoolsConstruct, ProbesAskOlefyForPong) {
  mailu::OletoolsConstruct oletools(chart, "oletools", props());
  const Json c = container(oletools.deployment());
  const Json command = Json::parse(R"(["sh", "-c", "echo PING | nc -q1 127.0.0.1 11343 | grep PONG"])");
  EXPECT_EQ(c.at("livenessProbe"), (Json{{"exec", {{"command", command}}}, {"failureThreshold", 3},
                                         {"initialDelaySeconds", 60}, {"periodSeconds", 30}, {"timeoutSeconds", 5}}));
  EXPECT_EQ(c.at("readinessProbe"), (Json{{"exec", {{"command", command}}}, {"failureThreshold", 3},
                                          {"initialDelaySeconds", 10}, {"periodSeconds", 10}, {"timeoutSeconds", 5}}));
}

TEST_F(OletoolsConstruct, ExposesOlefyOn11343) {
  mailu::OletoolsConstruct oletools(chart, "oletools", props());
  EXPECT_EQ(container(oletools.deployment()).at("ports"),
            Json::parse(R"([{"containerPort": 11343, "name": "olefy", "protocol": "TCP"}])"));
  EXPECT_EQ(servicePorts(oletools.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"olefy", 11343}}));
}

// socrate reads LOG_LEVEL from the shared settings; start.py asks for no
// derived key, so no SECRET_KEY, nor database credentials.
TEST_F(OletoolsConstruct, GetsTheSharedSettingsButNoSecrets) {
  mailu::OletoolsProps p = props();
  p.context = withDatabase();
  mailu::OletoolsConstruct oletools(chart, "oletools", p);
  const Json c = container(oletools.deployment());
  EXPECT_EQ(envNames(c), std::vector<std::string>{});
  EXPECT_EQ(c.at("envFrom"), (Json::array({{{"configMapRef", {{"name", shared.name()}}}}})));
}

TEST_F(OletoolsConstruct, KeepsNothing) {
  mailu::OletoolsConstruct oletools(chart, "oletools", props());
  EXPECT_FALSE(podSpec(oletools.deployment()).contains("volumes"));
  EXPECT_THROW(oletools.claim(), std::logic_error);
}

TEST_F(OletoolsConstruct, LabelsItsObjectsAsTheOletoolsComponent) {
  mailu::OletoolsConstruct oletools(chart, "oletools", props());
  EXPECT_EQ(oletools.deployment().apiObject().toJson().at("metadata").at("labels").at("app.kubernetes.io/component"),
            "oletools");
  EXPECT_EQ(oletools.service().apiObject().toJson().at("metadata").at("labels"),
            Json::parse(R"({"app.kubernetes.io/component": "oletools", "app.kubernetes.io/name": "mailu-oletools"})"));
}

}  // namespace
