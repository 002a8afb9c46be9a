// The signer against the example the AWS documentation publishes for
// Signature Version 4 (IAM ListUsers, 2015-08-30, the documented example
// secret key), step by step, and against the SigV4 test suite's get-vanilla.
#include "verify/sigv4.h"

#include <gtest/gtest.h>

namespace leakhound::verify {
namespace {

constexpr char kExampleSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

TEST(SigV4Test, MatchesTheDocumentedIamListUsersExample) {
  SigV4Input in;
  in.method = "GET";
  in.path = "/";
  in.query = "Version=2010-05-08&Action=ListUsers";  // canonical order is by name
  in.headers = {{"Host", "iam.amazonaws.com"},
                {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                {"X-Amz-Date", "20150830T123600Z"}};
  in.region = "us-east-1";
  in.service = "iam";
  in.amz_date = "20150830T123600Z";
  SigV4Output out = SignV4(in, "AKIDEXAMPLE", kExampleSecret);
  EXPECT_EQ(out.canonical_request,
            "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
            "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
            "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-type;host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256HexOf(out.canonical_request),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  EXPECT_EQ(out.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  EXPECT_EQ(out.signing_key_hex,
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_EQ(out.signature, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  EXPECT_EQ(out.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(SigV4Test, MatchesTheTestSuiteGetVanilla) {
  SigV4Input in;
  in.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  in.region = "us-east-1";
  in.service = "service";
  in.amz_date = "20150830T123600Z";
  SigV4Output out = SignV4(in, "AKIDEXAMPLE", kExampleSecret);
  EXPECT_EQ(out.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndSpacesCollapsed) {
  SigV4Input a, b;
  a.headers = {{"Host", "h"}, {"X-Amz-Date", "20150830T123600Z"}, {"My-Header", "  a   b  "}};
  b.headers = {{"host", "h"}, {"x-amz-date", "20150830T123600Z"}, {"my-header", "a b"}};
  for (auto* in : {&a, &b}) {
    in->region = "us-east-1";
    in->service = "sts";
    in->amz_date = "20150830T123600Z";
  }
  EXPECT_EQ(SignV4(a, "K", "S").signature, SignV4(b, "K", "S").signature);
  b.body = "x";
  EXPECT_NE(SignV4(a, "K", "S").signature, SignV4(b, "K", "S").signature);
}

TEST(SigV4Test, AmzDateIsUtc) { EXPECT_EQ(AmzDate(1440938160), "20150830T123600Z"); }

}  // namespace
}  // namespace leakhound::verify
