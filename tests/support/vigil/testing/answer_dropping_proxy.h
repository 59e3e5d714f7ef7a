#pragma once

// A TCP proxy on loopback for the upload tests: it forwards both ways, and for the connections
// it is told to, lets the request through but swallows the answer and then closes the
// connection, as a network that fails just after the receiver stored the item would
// (dropAnswers). With cutAtRandom it cuts connections instead at a random byte of the traffic
// both ways, so a cut falls in the handshake, in a request, in an answer or between uploads.
// It sees only TLS records: in TLS 1.3 the client's first encrypted record (outer type 23) is
// its Finished, so from its second one on the client is sending the request, and whatever the
// server sends after that is the answer.
// Given several target ports, it sends each new connection to the next one in turn, as a load
// balancer in front of several receivers would.
// clang-format off
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)
// clang-format on
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace vigil::testing {

class AnswerDroppingProxy {
public:
    explicit AnswerDroppingProxy(std::uint16_t targetPort)
        : AnswerDroppingProxy(std::vector<std::uint16_t>{targetPort}) {}
    explicit AnswerDroppingProxy(const std::vector<std::uint16_t>& targetPorts)
        : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        for (const auto port : targetPorts) {
            targets_.emplace_back(boost::asio::ip::make_address("127.0.0.1"), port);
        }
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~AnswerDroppingProxy() {
        io_.stop();
        thread_.join();
    }

    [[nodiscard]] std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    // The next `count` connections lose their answers.
    void dropAnswers(int count) { drops_ = count; }
    [[nodiscard]] int answersDropped() const { return dropped_; }
    // The next `count` cuts: each new connection, while cuts are left, is closed after a random
    // number of bytes (1 to maxBytes, counted both ways) has passed; `seed` makes it repeatable.
    void cutAtRandom(int count, std::size_t maxBytes, std::uint32_t seed) {
        std::lock_guard lock(randomMutex_);
        random_.seed(seed);
        maxBytes_ = maxBytes;
        cutsLeft_ = count;
    }
    // Connections cut so far (by cutAtRandom).
    [[nodiscard]] int cuts() const { return cuts_; }

private:
    using tcp = boost::asio::ip::tcp;

    struct Pipe : std::enable_shared_from_this<Pipe> {
        Pipe(tcp::socket client, boost::asio::io_context& io, bool drop, std::atomic<int>& dropped,
             std::size_t budget, std::atomic<int>& cuts, std::atomic<int>& cutsLeft)
            : client(std::move(client))
            , server(io)
            , quiet(io)
            , dropAnswer(drop)
            , dropped(dropped)
            , budget(budget)
            , cuts(cuts)
            , cutsLeft(cutsLeft) {}

        tcp::socket client;
        tcp::socket server;
        boost::asio::steady_timer quiet;
        bool dropAnswer;
        std::atomic<int>& dropped;
        std::size_t budget; // bytes that may still pass before the cut; 0: never cut
        std::atomic<int>& cuts;
        std::atomic<int>& cutsLeft;
        bool cut = false;
        std::array<std::uint8_t, 16384> up{};
        std::array<std::uint8_t, 16384> down{};
        // The client's TLS records: the header being read, the bytes left of the current body.
        std::array<std::uint8_t, 5> header{};
        std::size_t headerRead = 0;
        std::size_t bodyLeft = 0;
        int encryptedRecords = 0;

        bool requestStarted() const { return encryptedRecords >= 2; }

        // How many of n bytes may pass; once the budget is spent the connection is cut.
        std::size_t allow(std::size_t n) {
            if (cut) {
                return 0;
            }
            if (budget == 0) {
                return n;
            }
            if (n < budget) {
                budget -= n;
                return n;
            }
            const auto passing = budget - 1; // the cut falls inside this read
            budget = 0;
            cut = true;
            ++cuts;
            return passing;
        }

        void countRecords(const std::uint8_t* bytes, std::size_t size) {
            for (std::size_t i = 0; i < size;) {
                if (bodyLeft > 0) {
                    const auto take = std::min(bodyLeft, size - i);
                    bodyLeft -= take;
                    i += take;
                    continue;
                }
                header[headerRead++] = bytes[i++];
                if (headerRead == header.size()) {
                    headerRead = 0;
                    bodyLeft = (std::size_t(header[3]) << 8) | header[4];
                    if (header[0] == 23) {
                        ++encryptedRecords;
                    }
                }
            }
        }

        void start(const tcp::endpoint& target) {
            server.async_connect(target, [self = shared_from_this()](boost::system::error_code ec) {
                if (ec) {
                    return self->close();
                }
                self->pumpUp();
                self->pumpDown();
            });
        }

        void pumpUp() {
            client.async_read_some(
                boost::asio::buffer(up), [self = shared_from_this()](auto ec, std::size_t n) {
                    if (ec) {
                        return self->close();
                    }
                    self->countRecords(self->up.data(), n);
                    const auto passing = self->allow(n);
                    boost::asio::async_write(self->server, boost::asio::buffer(self->up, passing),
                                             [self](auto error, std::size_t) {
                                                 if (error || self->cut) {
                                                     return self->close();
                                                 }
                                                 self->pumpUp();
                                             });
                });
        }

        void pumpDown() {
            server.async_read_some(
                boost::asio::buffer(down), [self = shared_from_this()](auto ec, std::size_t n) {
                    if (ec) {
                        return self->close();
                    }
                    if (self->dropAnswer && self->requestStarted()) {
                        // Swallowed; once the server has been quiet a while, the connection
                        // goes, with the answer.
                        self->quiet.expires_after(std::chrono::milliseconds(500));
                        self->quiet.async_wait([self](auto error) {
                            if (!error) {
                                ++self->dropped;
                                self->close();
                            }
                        });
                        return self->pumpDown();
                    }
                    const auto passing = self->allow(n);
                    boost::asio::async_write(self->client, boost::asio::buffer(self->down, passing),
                                             [self](auto error, std::size_t) {
                                                 if (error || self->cut) {
                                                     return self->close();
                                                 }
                                                 self->pumpDown();
                                             });
                });
        }

        void close() {
            if (budget > 0 && !cut) {
                budget = 0;
                ++cutsLeft; // ended before its cut: the next connection takes it
            }
            boost::system::error_code ignored;
            client.close(ignored);
            server.close(ignored);
            quiet.cancel();
        }
    };

    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (!ec) {
                const bool drop = drops_.fetch_sub(1) > 0;
                std::size_t budget = 0;
                {
                    std::lock_guard lock(randomMutex_);
                    if (cutsLeft_.fetch_sub(1) > 0) {
                        budget = std::uniform_int_distribution<std::size_t>(1, maxBytes_)(random_);
                    } else {
                        ++cutsLeft_;
                    }
                }
                std::make_shared<Pipe>(std::move(socket), io_, drop, dropped_, budget, cuts_,
                                       cutsLeft_)
                    ->start(targets_[connections_++ % targets_.size()]);
            }
            accept();
        });
    }

    boost::asio::io_context io_;
    std::vector<tcp::endpoint> targets_;
    std::size_t connections_ = 0; // accepted so far: the next one's target (io_'s thread only)
    tcp::acceptor acceptor_;
    std::atomic<int> drops_{0};
    std::atomic<int> dropped_{0};
    std::mutex randomMutex_;
    std::mt19937 random_;
    std::size_t maxBytes_ = 0;
    std::atomic<int> cutsLeft_{0};
    std::atomic<int> cuts_{0};
    std::thread thread_;
};

} // namespace vigil::testing
