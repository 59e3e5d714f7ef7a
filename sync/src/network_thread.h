#pragma once

// Internal to sync/: included only by the translation units that use Asio.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)

namespace vigil::sync::detail {

// Runs an endpoint's io_context on its own thread until joined, so the application's thread
// never waits on the network.
class NetworkThread {
public:
    explicit NetworkThread(boost::asio::io_context& io)
        : io_(io)
        , guard_(boost::asio::make_work_guard(io))
        , thread_([this] { io_.run(); }) {}
    ~NetworkThread() { join(); }
    NetworkThread(const NetworkThread&) = delete;
    NetworkThread& operator=(const NetworkThread&) = delete;

    boost::asio::io_context& context() { return io_; }
    void join() {
        guard_.reset();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

private:
    boost::asio::io_context& io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
    std::thread thread_;
};

} // namespace vigil::sync::detail
