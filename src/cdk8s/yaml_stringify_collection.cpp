// Collections and pairs: the counterpart of src/stringify/stringifyCollection.ts
// (stringifyCollection, in its block style: cdk8s never asks for flow, so
// stringifyFlowCollection has no counterpart) and src/stringify/stringifyPair.ts
// of the npm `yaml` library (2.x), together with stringify.ts's stringify,
// which picks each value's writer (Writer::stringify here). The three call
// each other and are templates over the two JSON types that Yaml takes, so
// they share this file, which instantiates them for those two types.
#include "yaml_stringify.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdk8s::yaml_stringify {
namespace {

using std::string_view;

// Collections.

// A canonical array index ("0".."4294967294", no leading zeros): JavaScript
// lists these keys first, in numeric order, in every object.
bool arrayIndex(string_view key, std::uint32_t& index) {
  if (key.empty() || key.size() > 10 || !isDigit(key[0]) || (key[0] == '0' && key.size() > 1)) return false;
  std::uint64_t n = 0;
  for (const char c : key) {
    if (!isDigit(c)) return false;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (n >= 0xFFFFFFFFull) return false;
  index = static_cast<std::uint32_t>(n);
  return true;
}

// A line break and the next line's indentation in one append: the writer's
// most frequent output, worth sparing the per-character calls.
void appendNewline(std::string& out, std::size_t indent) {
  static constexpr std::string_view kBreak =
      "\n                                                                "
      "                                                                ";
  if (indent < kBreak.size()) {
    out.append(kBreak.data(), indent + 1);
  } else {
    out += '\n';
    appendSpaces(out, indent);
  }
}

// Works for ordered_json and json alike; `indent` is the library's
// ctx.indent for the node being written.
template <class J>
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  // stringify.ts's stringify: the schema's tag for the value's type writes it.
  void stringify(const J& v, std::size_t indent) {
    switch (v.type()) {
      case J::value_t::object:
        if (v.empty()) {
          out_ += "{}";
        } else {
          blockMapping(v, indent);
        }
        return;
      case J::value_t::array:
        if (v.empty()) {
          out_ += "[]";
        } else {
          blockSequence(v, indent);
        }
        return;
      case J::value_t::string:
        stringifyString(out_, v.template get_ref<const typename J::string_t&>(), indent, false);
        return;
      case J::value_t::boolean:
        out_ += v.template get<bool>() ? "true" : "false";
        return;
      case J::value_t::number_integer:
        stringifyNumber(out_, v.template get<std::int64_t>());
        return;
      case J::value_t::number_unsigned:
        stringifyNumber(out_, v.template get<std::uint64_t>());
        return;
      case J::value_t::number_float:
        stringifyNumber(out_, v.template get<double>());
        return;
      case J::value_t::null:
      case J::value_t::binary:
      case J::value_t::discarded:
        out_ += "null";
        return;
    }
  }

 private:
  void separate(bool& first, std::size_t indent) {
    if (!first) appendNewline(out_, indent);
    first = false;
  }

  // stringifyBlockCollection as YAMLSeq calls it: each item after "- ".
  void blockSequence(const J& v, std::size_t indent) {
    bool first = true;
    for (const J& item : v) {
      separate(first, indent);
      out_ += "- ";
      stringify(item, indent + 2);
    }
  }

  // stringifyBlockCollection as YAMLMap calls it, the keys in the order
  // JavaScript lists an object's own properties.
  void blockMapping(const J& v, std::size_t indent) {
    std::uint32_t index = 0;
    bool anyIndex = false;
    for (auto it = v.begin(); it != v.end() && !anyIndex; ++it) anyIndex = arrayIndex(it.key(), index);
    bool first = true;
    if (!anyIndex) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        separate(first, indent);
        stringifyPair(it.key(), it.value(), indent);
      }
      return;
    }
    std::vector<std::pair<std::uint32_t, typename J::const_iterator>> indexed;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (arrayIndex(it.key(), index)) indexed.emplace_back(index, it);
    }
    std::sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& entry : indexed) {
      separate(first, indent);
      stringifyPair(entry.second.key(), entry.second.value(), indent);
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (arrayIndex(it.key(), index)) continue;
      separate(first, indent);
      stringifyPair(it.key(), it.value(), indent);
    }
  }

  void stringifyPair(string_view key, const J& value, std::size_t indent) {
    const std::size_t keyStart = out_.size();
    stringifyString(out_, key, indent + 2, true);
    // Implicit keys are limited to 1024 characters; longer ones become
    // explicit (`? key` then `: value`).
    const std::size_t keyBytes = out_.size() - keyStart;
    if (keyBytes > 1024 && jsLength(string_view(out_).substr(keyStart)) > 1024) {
      out_.insert(keyStart, "? ");
      appendNewline(out_, indent);
      out_ += ": ";
      stringify(value, indent + 2);
      return;
    }
    if ((value.is_object() || value.is_array()) && !value.empty()) {
      out_ += ':';
      appendNewline(out_, indent + 2);
    } else {
      out_ += ": ";
    }
    stringify(value, indent + 2);
  }

  std::string& out_;
};

}  // namespace

void stringify(std::string& out, const Json& value, std::size_t indent) { Writer<Json>(out).stringify(value, indent); }

void stringify(std::string& out, const nlohmann::json& value, std::size_t indent) {
  Writer<nlohmann::json>(out).stringify(value, indent);
}

}  // namespace cdk8s::yaml_stringify
