using NanoTcp.VirtualBoard.Board;

namespace NanoTcp.VirtualBoard.Bench
{
    /// <summary>
    /// A board-side bulk sender (what iperf -c does): connects to a Linux listener and keeps the send buffer full
    /// for a fixed time, then closes. Measures the stack's sending path without the chargen service's
    /// 536-byte steps.
    /// </summary>
    internal sealed class BulkSender : IBoardTask
    {
        private readonly uint _ip;
        private readonly int _port;
        private readonly long _durationMs;
        private readonly byte[] _data = new byte[16384];
        private int _conn = -1;
        private long _endMs = -1;

        public BulkSender(uint ip, int port, long durationMs)
        {
            _ip = ip;
            _port = port;
            _durationMs = durationMs;
            for (int i = 0; i < _data.Length; i++) _data[i] = (byte)(' ' + i % 95);
        }

        public bool Finished { get; private set; }

        public long Poll(NetworkStack stack, long nowMs)
        {
            if (_conn < 0)
            {
                _conn = stack.Connect(_ip, _port);
                if (_conn < 0) Finished = true;
                return long.MaxValue;
            }
            TcpState state = stack.GetState(_conn);
            if (state == TcpState.SynSent) return long.MaxValue;
            if (_endMs < 0) _endMs = nowMs + _durationMs;
            if (state != TcpState.Established || nowMs >= _endMs)
            {
                stack.Close(_conn);
                Finished = true;
                return long.MaxValue;
            }
            while (stack.Send(_conn, _data, 0, _data.Length) > 0)
            {
            }
            return _endMs;
        }
    }
}
