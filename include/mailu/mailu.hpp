// Mailu on Kubernetes: the config, its loader, the settings it resolves to,
// and the chart with one construct per Mailu component.
#pragma once

#include <mailu/chart_settings.hpp>
#include <mailu/config.hpp>
#include <mailu/config_error.hpp>
#include <mailu/config_loader.hpp>
#include <mailu/config_schema.hpp>
#include <mailu/validate.hpp>
#include <mailu/mailu_chart.hpp>
#include <mailu/deployment_diagram.hpp>
#include <mailu/diagram_render.hpp>
#include <mailu/dns_records.hpp>
#include <mailu/required_secrets.hpp>
