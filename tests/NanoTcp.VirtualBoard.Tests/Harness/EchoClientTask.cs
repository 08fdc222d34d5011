using NanoTcp.VirtualBoard.Board;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>
    /// nanoTcp as a TCP client on the board: connects to a Linux listener, sends <c>data</c>, reads the same
    /// number of bytes back (the Linux side echoes) and checks them, then half-closes, waits for the peer's FIN
    /// and closes.
    /// </summary>
    public sealed class EchoClientTask : IBoardTask
    {
        private readonly uint _ip;
        private readonly int _port;
        private readonly byte[] _data;
        private readonly byte[] _received;
        private readonly byte[] _scratch = new byte[1];
        private int _conn = -1;
        private int _sent, _got;
        private bool _shutdown;

        /// <summary><see cref="Error"/>: the peer ended the stream before echoing everything.</summary>
        public const int UnexpectedEnd = -1001;

        /// <summary><see cref="Error"/>: the peer sent more than it was given.</summary>
        public const int ExtraData = -1000;

        /// <summary>Will connect to <paramref name="ip"/>:<paramref name="port"/> and echo <paramref name="data"/>.</summary>
        public EchoClientTask(uint ip, int port, byte[] data)
        {
            _ip = ip;
            _port = port;
            _data = data;
            _received = new byte[data.Length];
        }

        /// <summary>The connection handle (after the first poll).</summary>
        public int Handle => _conn;

        /// <summary>Bytes sent and received so far.</summary>
        public int Sent => _sent;

        /// <summary>Bytes received so far.</summary>
        public int Received => _got;

        /// <summary>The bytes received.</summary>
        public byte[] ReceivedData => _received;

        /// <summary>The first error the stack returned (0 = none).</summary>
        public int Error { get; private set; }

        /// <summary>True after the peer's FIN was read and the connection closed.</summary>
        public bool Completed { get; private set; }

        /// <inheritdoc />
        public bool Finished => Completed || Error != 0;

        /// <inheritdoc />
        public long Poll(NetworkStack stack, long nowMs)
        {
            if (_conn < 0)
            {
                _conn = stack.Connect(_ip, _port);
                if (_conn < 0) { Error = _conn; }
                return long.MaxValue;
            }
            TcpState st = stack.GetState(_conn);
            if (st == TcpState.SynSent || st == TcpState.SynReceived) return long.MaxValue;
            while (_sent < _data.Length)
            {
                int n = stack.Send(_conn, _data, _sent, _data.Length - _sent);
                if (n < 0) { Error = n; return long.MaxValue; }
                if (n == 0) break;
                _sent += n;
            }
            while (_got < _received.Length)
            {
                int n = stack.Receive(_conn, _received, _got, _received.Length - _got);
                if (n == TcpError.WouldBlock) break;
                if (n <= 0) { Error = n == 0 ? UnexpectedEnd : n; return long.MaxValue; }
                _got += n;
            }
            if (_got < _received.Length) return long.MaxValue;
            // Everything came back: half-close, then wait for the peer's FIN (end of stream) and close.
            if (!_shutdown)
            {
                _shutdown = true;
                stack.Shutdown(_conn);
            }
            int end = stack.Receive(_conn, _scratch, 0, 1);
            if (end == 0)
            {
                stack.Close(_conn);
                Completed = true;
            }
            else if (end != TcpError.WouldBlock)
            {
                Error = end > 0 ? ExtraData : end;
            }
            return long.MaxValue;
        }
    }
}
