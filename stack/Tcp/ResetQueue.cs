namespace NanoTcp.Tcp
{
    /// <summary>
    /// RSTs produced by API calls (Abort, Close with unread data, CloseListener). API calls never touch the link,
    /// so the segments wait here, bounded, until the next Poll sends them; when full, the oldest is overwritten
    /// (the peer's own retransmission will then draw a RST from the closed port).
    /// </summary>
    internal sealed class ResetQueue
    {
        private readonly uint[] _ip;
        private readonly int[] _localPort;
        private readonly int[] _remotePort;
        private readonly uint[] _seq;
        private int _head;
        /// <summary>RSTs waiting (a field, not a property: every Poll reads it).</summary>
        public int Count;

        public ResetQueue(int capacity)
        {
            _ip = new uint[capacity];
            _localPort = new int[capacity];
            _remotePort = new int[capacity];
            _seq = new uint[capacity];
        }

        public void Add(uint ip, int localPort, int remotePort, uint seq)
        {
            int i = (_head + Count) % _ip.Length;
            if (Count == _ip.Length) _head = (_head + 1) % _ip.Length;
            else Count++;
            _ip[i] = ip;
            _localPort[i] = localPort;
            _remotePort[i] = remotePort;
            _seq[i] = seq;
        }

        /// <summary>Index of the oldest queued RST (valid while <see cref="Count"/> &gt; 0).</summary>
        public int Peek() { return _head; }

        public void Remove()
        {
            _head = (_head + 1) % _ip.Length;
            Count--;
        }

        public uint Ip(int i) { return _ip[i]; }
        public int LocalPort(int i) { return _localPort[i]; }
        public int RemotePort(int i) { return _remotePort[i]; }
        public uint Seq(int i) { return _seq[i]; }
    }
}
