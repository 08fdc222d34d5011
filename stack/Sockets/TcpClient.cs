using System;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// A TCP connection in the shape of System.Net.Sockets.TcpClient, over a <see cref="NetworkPump"/>: connect
    /// (blocking), <see cref="GetStream"/>, per-connection options and timeouts, <see cref="Close"/> or
    /// <see cref="Abort"/>. One thread may read while another writes; a third may close or abort, which releases
    /// both. A closed client can be reused by <see cref="Connect(IPAddress, int)"/> or
    /// <see cref="TcpListener.AcceptTcpClient(TcpClient, int)"/>, so a server allocates its clients once.
    /// <see cref="Receive"/> and <see cref="Send"/> are the code-returning forms (no exception, no allocation) under
    /// the stream. No call allocates after construction.
    /// </summary>
    public sealed class TcpClient : IDisposable
    {
        private readonly NetworkPump _pump;
        private readonly NetworkStack _stack;
        private readonly NetworkStream _stream;
        private readonly PumpWaiter _readWaiter = new PumpWaiter();
        private readonly PumpWaiter _writeWaiter = new PumpWaiter();
        // Concurrent readers (or writers) of one client take turns; a closer never waits for them.
        private readonly object _readGate = new object();
        private readonly object _writeGate = new object();
        private readonly TcpConnectionInfo _info = new TcpConnectionInfo();
        private int _handle = -1;
        private bool _noDelay;
        private bool _keepAlive;
        private int _receiveTimeout;
        private int _sendTimeout;

        /// <summary>Creates an unconnected client on <paramref name="pump"/>.</summary>
        public TcpClient(NetworkPump pump)
        {
            if (pump == null) throw new ArgumentNullException("pump");
            _pump = pump;
            _stack = pump.Stack;
            _stream = new NetworkStream(this);
        }

        /// <summary>The pump the client runs on.</summary>
        public NetworkPump Pump => _pump;

        /// <summary>The stack's connection handle, or -1 when not connected (for the raw API and diagnostics).</summary>
        public int Handle
        {
            get { lock (_pump.SyncRoot) return _handle; }
        }

        /// <summary>True while the connection is established (or the peer only half-closed it).</summary>
        public bool Connected
        {
            get
            {
                lock (_pump.SyncRoot)
                {
                    if (_handle < 0) return false;
                    TcpState state = _stack.GetState(_handle);
                    return state == TcpState.Established || state == TcpState.CloseWait;
                }
            }
        }

        /// <summary>Bytes that can be read without blocking.</summary>
        public int Available
        {
            get
            {
                lock (_pump.SyncRoot)
                {
                    int n = _handle < 0 ? 0 : _stack.BytesToRead(_handle);
                    return n < 0 ? 0 : n;
                }
            }
        }

        /// <summary>Why the connection ended (<see cref="TcpError"/>), <see cref="TcpError.None"/> while healthy or unconnected.</summary>
        public int LastError
        {
            get
            {
                lock (_pump.SyncRoot)
                {
                    if (_handle < 0) return TcpError.None;
                    int error = _stack.GetLastError(_handle);
                    return error < 0 && error != TcpError.InvalidHandle ? error : TcpError.None;
                }
            }
        }

        /// <summary>True disables Nagle's algorithm for this connection (RFC 9293 §3.7.4). Default false.</summary>
        public bool NoDelay
        {
            get { return _noDelay; }
            set { lock (_pump.SyncRoot) { _noDelay = value; if (_handle >= 0) _stack.SetNoDelay(_handle, value); } }
        }

        /// <summary>True sends keepalive probes on an idle connection (RFC 1122 4.2.3.6, StackConfig timing). Default false.</summary>
        public bool KeepAlive
        {
            get { return _keepAlive; }
            set { lock (_pump.SyncRoot) { _keepAlive = value; if (_handle >= 0) _stack.SetKeepAlive(_handle, value); } }
        }

        /// <summary>Longest wait of a read, in ms; 0 or -1 = no limit (the default, as in .NET).</summary>
        public int ReceiveTimeout
        {
            get { return _receiveTimeout; }
            set { _receiveTimeout = value < 0 ? 0 : value; }
        }

        /// <summary>Longest wait of a write, a flush or a connect, in ms; 0 or -1 = no limit (the default).</summary>
        public int SendTimeout
        {
            get { return _sendTimeout; }
            set { _sendTimeout = value < 0 ? 0 : value; }
        }

        /// <summary>The stream over the connection (the same object for the client's lifetime).</summary>
        public NetworkStream GetStream()
        {
            lock (_pump.SyncRoot)
            {
                if (_handle < 0) throw new InvalidOperationException("the client is not connected");
                return _stream;
            }
        }

        /// <summary>
        /// Connects to <paramref name="address"/>:<paramref name="port"/> from an ephemeral port and waits for the
        /// handshake, at most <see cref="SendTimeout"/>. Throws <see cref="SocketException"/> (refused, timed out,
        /// no slot); on failure the client is closed and can try again.
        /// </summary>
        public void Connect(IPAddress address, int port)
        {
            if (address == null) throw new ArgumentNullException("address");
            int result;
            lock (_writeGate)
            {
                lock (_pump.SyncRoot)
                {
                    if (_handle >= 0) throw new InvalidOperationException("the client is already connected");
                    result = _stack.Connect(address.ToUInt32(), port);
                    if (result >= 0)
                    {
                        Attach(result);
                        _pump.Wake();
                        result = AwaitHandshake(_pump.DeadlineAfter(ToWait(_sendTimeout)));
                    }
                }
            }
            if (result < 0) throw new SocketException(result);
        }

        /// <summary>
        /// Connects to a dotted-decimal address or, through <see cref="NetworkPump.Resolver"/>, to a host name
        /// (<see cref="DnsHostNameResolver"/>; without a resolver a name fails with <see cref="TcpError.Unreachable"/>).
        /// </summary>
        public void Connect(string host, int port)
        {
            IPAddress address;
            if (!IPAddress.TryParse(host, out address))
            {
                IHostNameResolver resolver = _pump.Resolver;
                int error = resolver == null ? TcpError.Unreachable : resolver.Resolve(host, ToWait(_sendTimeout), out address);
                if (error < 0 || address == null) throw new SocketException(error < 0 ? error : TcpError.Unreachable);
            }
            Connect(address, port);
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/> (-1 = no limit,
        /// 0 = do not wait). Returns the byte count (&gt; 0), 0 at end of stream (or when count is 0, as Stream.Read), <see cref="TcpError.WouldBlock"/>
        /// when the timeout passed, or the error that ended the connection.
        /// </summary>
        public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            CheckRange(buffer, offset, count);
            if (count == 0) return 0; // as Stream.Read: asking for nothing reads nothing (the stack refuses count 0, D7)
            lock (_readGate)
            {
                lock (_pump.SyncRoot)
                {
                    long deadline = _pump.DeadlineAfter(timeoutMs);
                    while (true)
                    {
                        if (_handle < 0) return TcpError.NotConnected;
                        int got = _stack.Receive(_handle, buffer, offset, count);
                        if (got != TcpError.WouldBlock)
                        {
                            if (got > 0) _pump.Wake(); // the window opened: the stack may owe the peer an update
                            return got;
                        }
                        if (!_pump.Wait(_readWaiter, deadline)) return TcpError.WouldBlock;
                    }
                }
            }
        }

        /// <summary>
        /// Queues all <paramref name="count"/> bytes, waiting for send-buffer space at most
        /// <paramref name="timeoutMs"/> in all (-1 = no limit). Returns <paramref name="count"/>, fewer bytes when
        /// the timeout passed after some were queued, <see cref="TcpError.WouldBlock"/> when it passed before any,
        /// or the error that ended the connection.
        /// </summary>
        public int Send(byte[] buffer, int offset, int count, int timeoutMs)
        {
            CheckRange(buffer, offset, count);
            lock (_writeGate)
            {
                lock (_pump.SyncRoot)
                {
                    long deadline = _pump.DeadlineAfter(timeoutMs);
                    int done = 0;
                    while (true)
                    {
                        if (_handle < 0) return TcpError.NotConnected;
                        int sent = done == count ? 0 : _stack.Send(_handle, buffer, offset + done, count - done);
                        if (sent < 0) return sent;
                        if (sent > 0)
                        {
                            done += sent;
                            _pump.Wake();
                        }
                        if (done == count) return count;
                        if (!_pump.Wait(_writeWaiter, deadline)) return done > 0 ? done : TcpError.WouldBlock;
                    }
                }
            }
        }

        /// <summary>
        /// Waits until the peer has acknowledged everything sent, at most <paramref name="timeoutMs"/> (-1 = no
        /// limit). Returns 0, <see cref="TcpError.WouldBlock"/> when the timeout passed, or the connection's error.
        /// </summary>
        public int Flush(int timeoutMs)
        {
            lock (_writeGate)
            {
                lock (_pump.SyncRoot)
                {
                    long deadline = _pump.DeadlineAfter(timeoutMs);
                    _pump.Wake();
                    while (true)
                    {
                        if (_handle < 0) return TcpError.NotConnected;
                        int queued = SendQueued();
                        if (queued < 0) return queued;
                        if (queued == 0) return TcpError.None;
                        if (!_pump.Wait(_writeWaiter, deadline)) return TcpError.WouldBlock;
                    }
                }
            }
        }

        /// <summary>
        /// Half-close: sends FIN after the queued data; reading goes on until the peer's FIN. 0 or TcpError.*.
        /// </summary>
        public int Shutdown()
        {
            lock (_pump.SyncRoot)
            {
                if (_handle < 0) return TcpError.NotConnected;
                int result = _stack.Shutdown(_handle);
                _pump.Wake();
                return result;
            }
        }

        /// <summary>
        /// Closes the connection: FIN after the queued data, finished by the stack in the background (RST instead
        /// when unread data is left, RFC 1122 4.2.2.13). Threads blocked on this client return at once.
        /// </summary>
        public void Close()
        {
            End(false);
        }

        /// <summary>Resets the connection now (RST) and frees its slot; blocked threads return at once.</summary>
        public void Abort()
        {
            End(true);
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            End(false);
        }

        /// <summary>Takes over an accepted connection (the listener holds the lock).</summary>
        internal void Attach(int handle)
        {
            _handle = handle;
            if (_noDelay) _stack.SetNoDelay(handle, true);
            if (_keepAlive) _stack.SetKeepAlive(handle, true);
        }

        /// <summary>True when the client holds no connection (the listener holds the lock).</summary>
        internal bool IsFree => _handle < 0;

        /// <summary>A Stream timeout (-1 = none) from a client timeout (0 = none).</summary>
        internal static int ToWait(int timeout) => timeout <= 0 ? -1 : timeout;

        private void End(bool abort)
        {
            lock (_pump.SyncRoot)
            {
                if (_handle < 0) return;
                if (abort) _stack.Abort(_handle);
                else _stack.Close(_handle);
                _handle = -1;
                _pump.Wake();
                NetworkPump.Release(_readWaiter);
                NetworkPump.Release(_writeWaiter);
            }
        }

        // Held by Connect: waits until SYN-SENT ends. Returns 0 or the reason it failed (the client is then free).
        private int AwaitHandshake(long deadline)
        {
            while (true)
            {
                TcpState state = _stack.GetState(_handle);
                if (state != TcpState.SynSent && state != TcpState.SynReceived)
                {
                    if (state != TcpState.Closed) return TcpError.None;
                    int error = _stack.GetLastError(_handle);
                    return Fail(error < 0 ? error : TcpError.ConnectionRefused);
                }
                if (!_pump.Wait(_writeWaiter, deadline)) return Fail(TcpError.TimedOut);
                if (_handle < 0) return TcpError.Aborted; // closed by another thread meanwhile
            }
        }

        private int Fail(int error)
        {
            _stack.Abort(_handle);
            _handle = -1;
            _pump.Wake();
            return error;
        }

        // Bytes queued and not yet acknowledged, from the connection table (public API only), or the error.
        private int SendQueued()
        {
            for (int slot = 0; slot < _stack.ConnectionSlotCount; slot++)
            {
                if (_stack.GetConnectionInfo(slot, _info) && _info.Handle == _handle)
                {
                    if (_info.State == TcpState.Closed) return _info.LastError < 0 ? _info.LastError : TcpError.NotConnected;
                    return _info.SendQueued;
                }
            }
            return TcpError.NotConnected;
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException("count");
        }
    }
}
