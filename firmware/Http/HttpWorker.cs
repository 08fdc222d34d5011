using System;
using NanoTcp.Sockets;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// One thread of the status server: accepts a connection, answers its requests (persistent and pipelined,
    /// RFC 9112 §9.3), and closes it. Every limit ends in a documented way and frees the slot: a request head that
    /// does not complete within <see cref="FirmwareSettings.HttpRequestTimeoutMs"/> gets 408 (an idle connection
    /// that sent nothing is just closed), an invalid head 400/414/431/505; after an error or a
    /// <c>Connection: close</c> the worker half-closes, discards what the client still sends for at most
    /// <see cref="FirmwareSettings.HttpLingerMs"/> (so the client reads the answer instead of a reset), then closes.
    /// All buffers are allocated here; serving allocates nothing.
    /// </summary>
    public sealed class HttpWorker
    {
        // Room kept in front of the body for the status line and header fields, copied in once the length is known,
        // so a response leaves in one Send (one segment for small pages, no Nagle wait between head and body).
        private const int HeadReserve = 224;

        private readonly HttpStatusServer _server;
        private readonly NetworkPump _pump;
        private readonly FirmwareSettings _settings;
        private readonly TcpClient _client;
        private readonly HttpRequestHead _head;
        private readonly byte[] _in = new byte[512];
        private readonly AsciiWriter _out;
        private readonly AsciiWriter _fields = new AsciiWriter(HeadReserve);
        private readonly StatusPage _statusPage;
        private readonly MetricsPage _metricsPage;
        private int _inCount;

        // Outcomes of reading one request head besides HttpRequestHead.Complete / Failed.
        private const int TimedOut = 10;
        private const int Gone = 11;

        /// <summary>Allocates the worker's connection object, parser and buffers.</summary>
        public HttpWorker(HttpStatusServer server, NetworkPump pump, FirmwareSettings settings, StatusPage statusPage,
            MetricsPage metricsPage, int bodyCapacity)
        {
            _server = server;
            _pump = pump;
            _settings = settings;
            _statusPage = statusPage;
            _metricsPage = metricsPage;
            _client = new TcpClient(pump);
            _head = new HttpRequestHead(settings.HttpMaxRequestLine, settings.HttpMaxHeaderBytes);
            _out = new AsciiWriter(HeadReserve + bodyCapacity);
        }

        /// <summary>Accepts and serves connections until the server stops.</summary>
        public void Run()
        {
            while (!_server.Stopping)
            {
                if (_server.Listener.AcceptTcpClient(_client, 1000)) Serve();
            }
        }

        /// <summary>Resets the connection being served (from another thread: the server is stopping).</summary>
        internal void Abort()
        {
            _client.Abort();
        }

        /// <summary>Serves the accepted connection to its end and releases it.</summary>
        private void Serve()
        {
            _server.Count(HttpStatusServer.CounterConnections);
            _inCount = 0;
            while (true)
            {
                _head.Reset();
                int outcome = _server.Stopping ? Gone : ReadHead();
                if (outcome == Gone)
                {
                    _client.Close();
                    return;
                }
                if (outcome != HttpRequestHead.Complete)
                {
                    int status = outcome == TimedOut ? HttpStatus.RequestTimeout : _head.Status;
                    _server.Count(outcome == TimedOut ? HttpStatusServer.CounterTimeouts : HttpStatusServer.CounterBadRequests);
                    if (Respond(status, false, false)) Linger();
                    else _client.Abort();
                    return;
                }
                _server.Count(HttpStatusServer.CounterRequests);
                int answer = !_head.MethodAllowed ? HttpStatus.MethodNotAllowed
                    : _head.Page == HttpRequestHead.PageOther ? HttpStatus.NotFound : HttpStatus.Ok;
                if (!Respond(answer, _head.KeepAlive, _head.IsHead))
                {
                    _client.Abort(); // the client stopped reading: do not wait for it any longer
                    return;
                }
                if (!_head.KeepAlive)
                {
                    Linger();
                    return;
                }
            }
        }

        // Feeds buffered and arriving bytes to the parser until the head completes, fails, times out or the
        // connection ends. The timeout covers the whole head, not each read: a byte every few seconds does not
        // keep a slowloris alive.
        private int ReadHead()
        {
            long deadline = _pump.Sleeper.NowMs + _settings.HttpRequestTimeoutMs;
            while (true)
            {
                if (_inCount > 0)
                {
                    int used = _head.Feed(_in, 0, _inCount);
                    _inCount -= used;
                    if (_inCount > 0) Array.Copy(_in, used, _in, 0, _inCount); // pipelined bytes of the next request
                    if (_head.State != HttpRequestHead.Incomplete) return _head.State;
                }
                long left = deadline - _pump.Sleeper.NowMs;
                if (left <= 0) return _head.Started ? TimedOut : Gone;
                int got = _client.Receive(_in, _inCount, _in.Length - _inCount, (int)left);
                if (got == TcpError.WouldBlock) continue;
                if (got <= 0) return Gone;
                _inCount += got;
            }
        }

        private bool Respond(int status, bool keepAlive, bool headOnly)
        {
            _out.Clear();
            for (int i = 0; i < HeadReserve; i++) _out.Write((byte)' ');
            string type = "text/plain; charset=utf-8";
            if (status == HttpStatus.Ok)
            {
                lock (_pump.SyncRoot)
                {
                    if (_head.Page == HttpRequestHead.PageMetrics)
                    {
                        _metricsPage.Render(_out, _pump.NowMs);
                        type = "text/plain; version=0.0.4; charset=utf-8";
                    }
                    else
                    {
                        _statusPage.Render(_out, _pump.NowMs);
                        type = "text/html; charset=utf-8";
                    }
                }
            }
            else
            {
                _out.WriteDecimal(status);
                _out.Write(' ');
                _out.Write(HttpStatus.Reason(status));
                _out.Write('\n');
            }
            int bodyLength = _out.Count - HeadReserve;
            WriteFields(status, type, bodyLength, keepAlive);
            int start = HeadReserve - _fields.Count;
            Array.Copy(_fields.Buffer, 0, _out.Buffer, start, _fields.Count);
            int length = _fields.Count + (headOnly ? 0 : bodyLength);
            return _client.Send(_out.Buffer, start, length, _settings.HttpRequestTimeoutMs) == length;
        }

        private void WriteFields(int status, string type, int bodyLength, bool keepAlive)
        {
            _fields.Clear();
            _fields.Write("HTTP/1.1 ");
            _fields.WriteDecimal(status);
            _fields.Write(' ');
            _fields.WriteLine(HttpStatus.Reason(status));
            _fields.Write("Content-Type: ");
            _fields.WriteLine(type);
            _fields.Write("Content-Length: ");
            _fields.WriteDecimal(bodyLength);
            _fields.NewLine();
            _fields.WriteLine("Cache-Control: no-store");
            if (status == HttpStatus.MethodNotAllowed) _fields.WriteLine("Allow: GET, HEAD");
            if (!keepAlive) _fields.WriteLine("Connection: close");
            _fields.NewLine();
        }

        // Half-close, then read and discard until the client closes or the linger time ends, then close.
        private void Linger()
        {
            _client.Shutdown();
            long deadline = _pump.Sleeper.NowMs + _settings.HttpLingerMs;
            while (true)
            {
                long left = deadline - _pump.Sleeper.NowMs;
                if (left <= 0) break;
                int got = _client.Receive(_in, 0, _in.Length, (int)left);
                if (got != TcpError.WouldBlock && got <= 0) break;
            }
            _client.Close();
        }
    }
}
