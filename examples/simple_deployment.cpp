// The reference library's full example, built in C++: a production-style
// Mailu for example.com with PostgreSQL, ClamAV and an initial admin account.
//
//   simple_deployment [OUTDIR]     writes OUTDIR/simple-deployment.k8s.yaml (default: dist)
#include <exception>
#include <iostream>

#include <cdk8s/cdk8s.hpp>
#include <mailu/mailu.hpp>

int main(int argc, char** argv) {
  using namespace mailu;

  MailuChartConfig config;
  config.namespace_ = "mailu";
  config.domain = "example.com";
  config.hostnames = {"mail.example.com"};
  config.subnet = "10.42.0.0/16";
  config.database.type = DatabaseType::kPostgresql;
  config.database.postgresql = PostgresqlConfig{
      .host = "postgres-cluster-pooler",
      .port = 5432,
      .database = "mailu",
      .secretName = "postgres-app",
      .secretKeys = PostgresqlSecretKeys{.username = "username", .password = "password"},
  };
  config.redis.host = "redis";
  config.secrets = {.mailuSecretKey = "mailu-secret-key", .initialAdminPassword = "mailu-admin-password"};
  config.storage = StorageConfig{
      .storageClass = "standard",
      .admin = ComponentStorageConfig{.size = "5Gi"},
      .postfix = ComponentStorageConfig{.size = "5Gi"},
      .dovecot = ComponentStorageConfig{.size = "100Gi"},
      .rspamd = ComponentStorageConfig{.size = "5Gi"},
      .clamav = ComponentStorageConfig{.size = "10Gi"},
  };
  config.components = ComponentsConfig{.admin = true,
                                       .front = true,
                                       .postfix = true,
                                       .dovecot = true,
                                       .rspamd = true,
                                       .webmail = true,
                                       .clamav = true,
                                       .fetchmail = false,
                                       .webdav = false};
  auto resources = [](const char* cpuRequest, const char* memoryRequest, const char* cpuLimit,
                      const char* memoryLimit) {
    return ResourceRequirements{.requests = ResourceQuantities{.cpu = cpuRequest, .memory = memoryRequest},
                                .limits = ResourceQuantities{.cpu = cpuLimit, .memory = memoryLimit}};
  };
  config.resources = ResourcesConfig{
      .front = resources("100m", "256Mi", "500m", "512Mi"),
      .admin = resources("100m", "512Mi", "500m", "1Gi"),
      .postfix = resources("100m", "512Mi", "500m", "1Gi"),
      .dovecot = resources("200m", "1Gi", "1000m", "2Gi"),
      .rspamd = resources("100m", "512Mi", "500m", "1Gi"),
      .webmail = resources("100m", "512Mi", "500m", "1Gi"),
      .clamav = resources("200m", "1Gi", "1000m", "2Gi"),
  };
  config.mailu = MailuSettings{
      .logLevel = "INFO",
      .messageSizeLimit = 50,
      .initialAccount = InitialAccountConfig{.enabled = true, .username = "admin", .domain = "example.com",
                                             .mode = InitialAccountMode::kUpdate},
      .apiEnabled = true,
  };
  config.images = ImagesConfig{.registry = "ghcr.io/mailu", .tag = "2024.06", .pullPolicy = PullPolicy::kIfNotPresent};

  try {
    cdk8s::App app(cdk8s::AppProps{.outdir = argc > 1 ? argv[1] : "dist"});
    MailuChart chart(app, "simple-deployment", config);
    for (const std::string& file : app.synth()) std::cout << "wrote " << file << "\n";
  } catch (const std::exception& e) {
    std::cerr << "simple_deployment: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
