namespace NanoTcp.Udp
{
    /// <summary>
    /// The UDP port table: which receiver owns each bound port, and which non-unicast destinations it asked
    /// for (limited/directed broadcast, one multicast group). Fixed size, allocated once.
    /// </summary>
    internal sealed class UdpBindings
    {
        private readonly int[] _port;
        private readonly IUdpReceiver[] _receiver;
        private readonly bool[] _broadcast;
        private readonly uint[] _group;

        public UdpBindings(int slots)
        {
            if (slots < 1) slots = 1;
            _port = new int[slots];
            _receiver = new IUdpReceiver[slots];
            _broadcast = new bool[slots];
            _group = new uint[slots];
        }

        public int Capacity { get { return _port.Length; } }

        /// <summary>Binds <paramref name="port"/> (1..65535) to <paramref name="receiver"/>; the slot, or a negative <see cref="UdpError"/>.</summary>
        public int Bind(int port, IUdpReceiver receiver)
        {
            if (port < 1 || port > 65535 || receiver == null) return UdpError.InvalidArgument;
            if (Find(port) >= 0) return UdpError.NoSlot;
            for (int i = 0; i < _port.Length; i++)
            {
                if (_receiver[i] != null) continue;
                _port[i] = port;
                _receiver[i] = receiver;
                _broadcast[i] = false;
                _group[i] = 0;
                return i;
            }
            return UdpError.NoSlot;
        }

        public void Unbind(int slot)
        {
            if (slot < 0 || slot >= _port.Length) return;
            _receiver[slot] = null;
            _port[slot] = 0;
            _broadcast[slot] = false;
            _group[slot] = 0;
        }

        /// <summary>The slot bound to <paramref name="port"/>, or -1.</summary>
        public int Find(int port)
        {
            for (int i = 0; i < _port.Length; i++)
            {
                if (_receiver[i] != null && _port[i] == port) return i;
            }
            return -1;
        }

        public bool IsBound(int port) { return Find(port) >= 0; }
        public IUdpReceiver Receiver(int slot) { return _receiver[slot]; }
        public void SetBroadcast(int slot, bool accept) { _broadcast[slot] = accept; }
        public bool AcceptsBroadcast(int slot) { return _broadcast[slot]; }

        /// <summary>Joins (group ≠ 0) or leaves (0) one IPv4 multicast group for this slot (RFC 1112 host extension, level 1).</summary>
        public void SetGroup(int slot, uint group) { _group[slot] = group; }
        public uint Group(int slot) { return _group[slot]; }

        /// <summary>True when some binding accepts broadcast datagrams.</summary>
        public bool AnyBroadcast()
        {
            for (int i = 0; i < _port.Length; i++)
            {
                if (_receiver[i] != null && _broadcast[i]) return true;
            }
            return false;
        }

        /// <summary>True when some binding joined <paramref name="group"/>.</summary>
        public bool AnyGroup(uint group)
        {
            for (int i = 0; i < _port.Length; i++)
            {
                if (_receiver[i] != null && _group[i] == group && group != 0) return true;
            }
            return false;
        }

        /// <summary>True when the destination MAC at <paramref name="o"/> is the multicast address of a joined group (RFC 1112 §6.4).</summary>
        public bool AcceptsMulticastMac(byte[] b, int o)
        {
            for (int i = 0; i < _port.Length; i++)
            {
                uint g = _group[i];
                if (_receiver[i] != null && g != 0 && Wire.MacAddress.IsIpv4Multicast(b, o, g)) return true;
            }
            return false;
        }
    }
}
