// A real HTTP/1.1 server on 127.0.0.1 for verifier tests: one thread accepts,
// one thread per connection answers from a handler. Not a mock of the code
// under test: the verifiers talk to it through libcurl over TCP.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace leakhound::verify::testing {

struct TestRequest {
  std::string method, path, body;
  std::map<std::string, std::string> headers;  // lower-case names
};

struct TestResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;  // before answering (timeouts)
};

class TestServer {
 public:
  using Handler = std::function<TestResponse(const TestRequest&)>;

  explicit TestServer(Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    ::listen(fd_, 64);
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }

  ~TestServer() {
    stop_ = true;
    cv_.notify_all();
    acceptor_.join();
    for (auto& t : connections_) t.join();
    ::close(fd_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::vector<TestRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void AcceptLoop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      connections_.emplace_back([this, c] { Serve(c); });
    }
  }

  static std::string Lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  }

  bool Read(int c, TestRequest* req) {
    std::string data;
    char buf[4096];
    size_t header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(c, buf, sizeof(buf), 0);
      if (n <= 0) return false;
      data.append(buf, static_cast<size_t>(n));
    }
    std::string head = data.substr(0, header_end);
    size_t eol = head.find("\r\n");
    std::string line = head.substr(0, eol);
    req->method = line.substr(0, line.find(' '));
    req->path = line.substr(line.find(' ') + 1, line.rfind(' ') - line.find(' ') - 1);
    size_t pos = eol == std::string::npos ? head.size() : eol + 2;
    while (pos < head.size()) {
      size_t next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string h = head.substr(pos, next - pos);
      size_t colon = h.find(':');
      if (colon != std::string::npos) {
        std::string v = h.substr(colon + 1);
        v.erase(0, v.find_first_not_of(' '));
        req->headers[Lower(h.substr(0, colon))] = v;
      }
      pos = next + 2;
    }
    size_t want =
        req->headers.count("content-length") ? std::stoul(req->headers["content-length"]) : 0;
    req->body = data.substr(header_end + 4);
    while (req->body.size() < want) {
      ssize_t n = ::recv(c, buf, sizeof(buf), 0);
      if (n <= 0) break;
      req->body.append(buf, static_cast<size_t>(n));
    }
    return true;
  }

  void Serve(int c) {
    TestRequest req;
    if (Read(c, &req)) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(req);
      }
      TestResponse resp = handler_(req);
      if (resp.delay_ms > 0) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, std::chrono::milliseconds(resp.delay_ms),
                     [this] { return stop_.load(); });
      }
      std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " X\r\n";
      for (const auto& [k, v] : resp.headers) out += k + ": " + v + "\r\n";
      out +=
          "Content-Length: " + std::to_string(resp.body.size()) + "\r\nConnection: close\r\n\r\n";
      out += resp.body;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
    }
    ::close(c);
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  std::vector<std::thread> connections_;  // touched by the acceptor only, joined after it
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<TestRequest> requests_;
};

}  // namespace leakhound::verify::testing
