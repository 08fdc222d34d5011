namespace NanoTcp.Firmware
{
    /// <summary>
    /// Base of the small RFC test services (echo, discard, chargen): one listener, a fixed number of connections,
    /// a scratch buffer shared by every service (steps never interleave: each one is done with it before it returns), and the common endings — the peer's FIN is answered with our FIN (Close) and a
            /// reset or timeout releases the stack slot. Only what can be served is accepted: further connections wait in
    /// the stack's backlog (whose limit, with SYN cookies, refuses the rest with a RST), never accepted and dropped.
    /// </summary>
    public abstract class ClassicService
    {
        /// <summary>
        /// Largest useful scratch: one full Ethernet-sized segment (MSS 1460) per step, so chargen fills whole
        /// segments. The application sizes the shared scratch to the smaller of this and the send buffer.
        /// </summary>
        public const int MaxScratchSize = 1460;

        /// <summary><see cref="ReceiveSome"/>: the peer sent FIN and every byte before it has been read.</summary>
        protected const int EndOfStream = -1;

        /// <summary><see cref="ReceiveSome"/>: the connection failed (reset, timeout, stale handle).</summary>
        protected const int Failed = -2;

        private readonly int[] _connections;

        /// <summary>The stack the service runs on.</summary>
        protected readonly NetworkStack Stack;

        /// <summary>
        /// Scratch buffer (at most <see cref="MaxScratchSize"/> bytes) shared by every connection of every service: one buffer
        /// instead of one per service saves 1,488 bytes of the device's heap per service.
        /// </summary>
        protected readonly byte[] Scratch;

        /// <summary>Opens the listener and allocates the connection table; <paramref name="scratch"/> is the shared buffer.</summary>
        protected ClassicService(NetworkStack stack, string name, int port, int maxConnections, ListenerTable listeners, byte[] scratch)
        {
            Stack = stack;
            Scratch = scratch;
            Name = name;
            Port = port;
            _connections = new int[maxConnections < 1 ? 1 : maxConnections];
            for (int i = 0; i < _connections.Length; i++) _connections[i] = -1;
            Listener = stack.Listen(port, _connections.Length);
            listeners.Add(name, port, Listener);
        }

        /// <summary>Service name ("echo", "discard", "chargen").</summary>
        public string Name { get; }

        /// <summary>TCP port.</summary>
        public int Port { get; }

        /// <summary>Listener handle (negative: Listen failed).</summary>
        public int Listener { get; }

        /// <summary>Connections being served.</summary>
        public int ActiveConnections
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _connections.Length; i++)
                {
                    if (_connections[i] >= 0) n++;
                }
                return n;
            }
        }

        /// <summary>Connections accepted since start.</summary>
        public long ConnectionsServed { get; private set; }

        /// <summary>Payload bytes received.</summary>
        public long BytesReceived { get; protected set; }

        /// <summary>Payload bytes sent.</summary>
        public long BytesSent { get; protected set; }

        /// <summary>Accepts new connections and serves every open one; returns <paramref name="nowMs"/> when work is left.</summary>
        public long Poll(long nowMs)
        {
            Accept();
            long next = long.MaxValue;
            for (int i = 0; i < _connections.Length; i++)
            {
                int connection = _connections[i];
                if (connection < 0) continue;
                ServiceStep step = Serve(i, connection);
                // A connection that ended on its own (RST, timeout) waits in state Closed for our Close.
                if (step != ServiceStep.Finished && Stack.GetState(connection) == TcpState.Closed) step = ServiceStep.Finished;
                if (step == ServiceStep.Finished)
                {
                    Stack.Close(connection);
                    _connections[i] = -1;
                }
                else if (step == ServiceStep.Busy)
                {
                    next = nowMs;
                }
            }
            return next;
        }

        /// <summary>Serves connection <paramref name="index"/> (handle <paramref name="connection"/>) once.</summary>
        protected abstract ServiceStep Serve(int index, int connection);

        /// <summary>Resets per-connection state when connection slot <paramref name="index"/> is reused.</summary>
        protected virtual void OnAccepted(int index)
        {
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes into <see cref="Scratch"/>. Returns the byte count, 0 when
        /// nothing is waiting, <see cref="EndOfStream"/> or <see cref="Failed"/>.
        /// </summary>
        protected int ReceiveSome(int connection, int count)
        {
            int got = Stack.Receive(connection, Scratch, 0, count);
            if (got > 0)
            {
                BytesReceived += got;
                return got;
            }
            if (got == TcpError.WouldBlock) return 0;
            return got == 0 ? EndOfStream : Failed;
        }

        private void Accept()
        {
            if (Listener < 0) return;
            int index;
            while ((index = FreeIndex()) >= 0)
            {
                int connection = Stack.Accept(Listener);
                if (connection < 0) return;
                _connections[index] = connection;
                ConnectionsServed++;
                OnAccepted(index);
            }
        }

        private int FreeIndex()
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                if (_connections[i] < 0) return i;
            }
            return -1;
        }
    }
}
