// TikaConstruct: Apache Tika's server for dovecot's attachment indexing, a
// pinned upstream image that reads none of Mailu's settings.
#include "mailu/constructs/tika.hpp"

#include <stdexcept>

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class TikaConstruct : public ConstructTest {
 protected:
  mailu::TikaProps props() const { return {.context = context, .resources = resources}; }
};

// Pinned by version and digest; images.registry and images.tag are Mailu's.
TEST_F(TikaConstruct, RunsThePinnedFullTikaImageWhateverMailusRegistry) {
  mailu::TikaProps p = props();
  p.context.images.registry = "registry.local:5000/mailu";
  p.context.images.tag = "2024.06.57";
  p.resources = {"200m", "512Mi", "1000m", "2Gi"};
  mailu::TikaConstruct tika(chart, "tika", p);
  const Json c = container(tika.deployment());
  EXPECT_EQ(c.at("name"), "tika");
  EXPECT_EQ(c.at("image"),
            "apache/tika:3.2.3.0-full@sha256:21d8052de04e491ccf66e8680ade4da6f3d453a56d59f740b4167e54167219b7");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "1000m", "memory": "2048Mi"},
                                                "requests": {"cpu": "200m", "memory": "512Mi"}})"));
}

// GET /tika, the resource fts_tika posts to (core/dovecot/conf/dovecot.conf).
TEST_F(TikaConstruct, ProbesGetTikaOn9998) {
  mailu::TikaConstruct tika(chart, "tika", props());
  const Json c = container(tika.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/tika", "port": 9998,
      "scheme": "HTTP"}, "initialDelaySeconds": 30, "periodSeconds": 30, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/tika", "port": 9998,
      "scheme": "HTTP"}, "initialDelaySeconds": 10, "periodSeconds": 10, "timeoutSeconds": 5})"));
}

TEST_F(TikaConstruct, ExposesHttpOn9998) {
  mailu::TikaConstruct tika(chart, "tika", props());
  EXPECT_EQ(container(tika.deployment()).at("ports"),
            Json::parse(R"([{"containerPort": 9998, "name": "http", "protocol": "TCP"}])"));
  EXPECT_EQ(servicePorts(tika.service().apiObject().toJson()), (std::vector<std::pair<std::string, int>>{{"http", 9998}}));
}

TEST_F(TikaConstruct, GetsNoEnvironmentAtAll) {
  mailu::TikaProps p = props();
  p.context = withDatabase();
  mailu::TikaConstruct tika(chart, "tika", p);
  const Json c = container(tika.deployment());
  EXPECT_FALSE(c.contains("env"));
  EXPECT_FALSE(c.contains("envFrom"));
}

TEST_F(TikaConstruct, KeepsNothing) {
  mailu::TikaConstruct tika(chart, "tika", props());
  EXPECT_FALSE(podSpec(tika.deployment()).contains("volumes"));
  EXPECT_THROW(tika.claim(), std::logic_error);
}

TEST_F(TikaConstruct, LabelsItsObjectsAsTheTikaComponent) {
  mailu::TikaConstruct tika(chart, "tika", props());
  EXPECT_EQ(tika.deployment().apiObject().toJson().at("metadata").at("labels").at("app.kubernetes.io/component"),
            "tika");
  EXPECT_EQ(tika.service().apiObject().toJson().at("metadata").at("labels"),
            Json::parse(R"({"app.kubernetes.io/component": "tika", "app.kubernetes.io/name": "mailu-tika"})"));
}

}  // namespace
