using System;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// A listening TCP port in the shape of System.Net.Sockets.TcpListener, over a <see cref="NetworkPump"/>:
    /// <see cref="Start()"/>, blocking accepts with a timeout, <see cref="Pending"/>, <see cref="Stop"/>. Several
    /// threads may accept on one listener; they take turns. <see cref="AcceptTcpClient(TcpClient, int)"/> reuses a
    /// caller's client and allocates nothing; <see cref="AcceptTcpClient()"/> allocates the client it returns.
    /// </summary>
    public sealed class TcpListener
    {
        private readonly NetworkPump _pump;
        private readonly NetworkStack _stack;
        private readonly PumpWaiter _waiter = new PumpWaiter();
        private readonly object _acceptGate = new object();
        private int _handle = -1;
        private int _held = -1; // a connection Pending() took from the stack, handed to the next accept

        /// <summary>Creates the listener for <paramref name="port"/>; nothing listens before <see cref="Start()"/>.</summary>
        public TcpListener(NetworkPump pump, int port)
        {
            if (pump == null) throw new ArgumentNullException("pump");
            if (port <= 0 || port > 65535) throw new ArgumentOutOfRangeException("port");
            _pump = pump;
            _stack = pump.Stack;
            LocalPort = port;
        }

        /// <summary>The TCP port.</summary>
        public int LocalPort { get; }

        /// <summary>The stack's listener handle, or -1 when not listening (for the raw API and diagnostics).</summary>
        public int Handle
        {
            get { lock (_pump.SyncRoot) return _handle; }
        }

        /// <summary>True between <see cref="Start()"/> and <see cref="Stop"/>.</summary>
        public bool Active
        {
            get { lock (_pump.SyncRoot) return _handle >= 0; }
        }

        /// <summary>Starts listening with a backlog of 1.</summary>
        public void Start()
        {
            Start(1);
        }

        /// <summary>
        /// Starts listening; <paramref name="backlog"/> connections may complete their handshake before they are
        /// accepted (clamped by the stack to 1..StackConfig.MaxBacklog). Throws <see cref="SocketException"/>
        /// (AddressInUse, NoListenerSlot).
        /// </summary>
        public void Start(int backlog)
        {
            int result;
            lock (_pump.SyncRoot)
            {
                if (_handle >= 0) return;
                result = _stack.Listen(LocalPort, backlog);
                if (result >= 0) _handle = result;
            }
            if (result < 0) throw new SocketException(result);
        }

        /// <summary>Stops listening: connections not yet accepted are reset; blocked accepts return.</summary>
        public void Stop()
        {
            lock (_pump.SyncRoot)
            {
                if (_handle < 0) return;
                if (_held >= 0) _stack.Abort(_held);
                _held = -1;
                _stack.CloseListener(_handle);
                _handle = -1;
                _pump.Wake();
                NetworkPump.Release(_waiter);
            }
        }

        /// <summary>True when a connection is waiting to be accepted.</summary>
        public bool Pending()
        {
            lock (_pump.SyncRoot)
            {
                if (_handle < 0) throw new InvalidOperationException("the listener is not started");
                return TakeConnection() >= 0;
            }
        }

        /// <summary>Waits (no limit) for a connection and returns a new client for it (allocates the client).</summary>
        public TcpClient AcceptTcpClient()
        {
            var client = new TcpClient(_pump);
            if (!AcceptTcpClient(client, -1)) throw new SocketException(TcpError.NotConnected);
            return client;
        }

        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> (-1 = no limit, 0 = do not wait) for a connection and hands
        /// it to <paramref name="client"/>, which must not hold one (a new or closed client). Returns false when
        /// the timeout passed or the listener was stopped. Allocates nothing.
        /// </summary>
        public bool AcceptTcpClient(TcpClient client, int timeoutMs)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (client.Pump != _pump) throw new ArgumentException("the client belongs to another pump");
            lock (_acceptGate)
            {
                lock (_pump.SyncRoot)
                {
                    if (!client.IsFree) throw new InvalidOperationException("the client already holds a connection");
                    long deadline = _pump.DeadlineAfter(timeoutMs);
                    while (true)
                    {
                        if (_handle < 0) return false;
                        int connection = TakeConnection();
                        if (connection >= 0)
                        {
                            _held = -1;
                            client.Attach(connection);
                            _pump.Wake();
                            return true;
                        }
                        if (!_pump.Wait(_waiter, deadline)) return false;
                    }
                }
            }
        }

        // The held connection, or the next one the stack completed; -1 for none. Lock held.
        private int TakeConnection()
        {
            if (_held < 0)
            {
                int connection = _stack.Accept(_handle);
                if (connection >= 0) _held = connection;
            }
            return _held;
        }
    }
}
