// Templates of declarative verifiers (docs/verify.md): "{{secret}}",
// "{{capture.NAME}}", "{{identity.NAME}}", with filters applied left to right:
// "{{secret|after:-}}", "{{capture.user|base64}}". Filters: base64, urlencode,
// json (JSON string escaping, no quotes), lower, after:C, before:C (text after
// the last / before the first C).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace leakhound::verify {

// Borrowed views; they must outlive Render.
struct TemplateValues {
  std::string_view secret;
  const std::map<std::string, std::string>* captures = nullptr;  // captures + paired values
  const std::map<std::string, std::string>* identity = nullptr;  // from the first response
};

enum class Escape {
  kNone,  // headers, bodies: values inserted as they are (after filters)
  kUrl,   // URL path/query: values percent-encoded (unreserved, ':' and '@' kept)
  kHost,  // URL host: values must be [A-Za-z0-9.-] (else an error)
  kMask,  // dry run: every value shown as "***", filters not applied
};

// Expands every {{...}}. Errors: unknown variable or filter, a missing
// capture ("needs 'key_id'"), a host value with other characters.
Result<std::string> Render(std::string_view tmpl, const TemplateValues& values, Escape escape);

// The variable names a template uses ("secret", "capture.key_id", ...).
std::map<std::string, int> Variables(std::string_view tmpl);

std::string Base64Encode(std::string_view data);
std::string PercentEncode(std::string_view data, std::string_view keep = "");

}  // namespace leakhound::verify
