namespace NanoTcp.Udp
{
    /// <summary>
    /// An application's UDP endpoint (RFC 768), opened with <see cref="NetworkStack.OpenUdp"/>. Received
    /// datagrams wait in a fixed queue of <see cref="LanConfig.UdpReceiveBufferSize"/> bytes (one that does not
    /// fit is dropped and counted, <see cref="DropReason.UdpQueueFull"/>); <see cref="ReceiveFrom"/> copies the
    /// oldest into a caller buffer. Nothing here allocates.
    /// </summary>
    public sealed class UdpSocket : IUdpReceiver
    {
        private const int RecordHeader = 8; // length (2), source port (2), source address (4)
        private readonly UdpLayer _udp;
        private readonly byte[] _queue;
        private int _head, _tail;
        private int _slot = -1;

        internal UdpSocket(UdpLayer udp, int queueBytes)
        {
            _udp = udp;
            _queue = new byte[queueBytes < 64 ? 64 : queueBytes];
        }

        /// <summary>The bound local port (0 when closed).</summary>
        public int LocalPort { get; private set; }

        /// <summary>True between OpenUdp and Close.</summary>
        public bool IsOpen { get { return _slot >= 0; } }

        /// <summary>Source address of the datagram last returned by <see cref="ReceiveFrom"/>.</summary>
        public uint RemoteAddress { get; private set; }

        /// <summary>Source port of the datagram last returned by <see cref="ReceiveFrom"/>.</summary>
        public int RemotePort { get; private set; }

        /// <summary>True when the datagram last returned did not fit the caller's buffer (the rest was discarded).</summary>
        public bool Truncated { get; private set; }

        /// <summary>Payload length of the next datagram waiting, or -1 when none.</summary>
        public int NextLength { get { return _head == _tail ? -1 : Wire.NetworkOrder.Read16(_queue, _head); } }

        internal bool Open(int slot, int port)
        {
            _slot = slot;
            LocalPort = port;
            _head = _tail = 0;
            return true;
        }

        /// <summary>Also receive datagrams sent to 255.255.255.255 or our subnet's broadcast address. Default off.</summary>
        public bool AcceptBroadcast
        {
            get { return _slot >= 0 && _udp.UdpPorts.AcceptsBroadcast(_slot); }
            set { if (_slot >= 0) _udp.UdpPorts.SetBroadcast(_slot, value); }
        }

        /// <summary>Joins one IPv4 multicast group (e.g. 224.0.0.251); 0 leaves it. Needs the link to pass that MAC.</summary>
        public uint MulticastGroup
        {
            get { return _slot >= 0 ? _udp.UdpPorts.Group(_slot) : 0; }
            set { if (_slot >= 0) _udp.UdpPorts.SetGroup(_slot, value); }
        }

        /// <summary>
        /// Sends <paramref name="count"/> bytes from <paramref name="buffer"/> as one datagram to
        /// <paramref name="address"/>:<paramref name="port"/>, at once (unlike TCP, UDP has nothing to queue).
        /// Returns <see cref="UdpError.None"/> or a negative <see cref="UdpError"/>; <see cref="UdpError.Resolving"/>
        /// means ARP is resolving the next hop: send again after the next Poll.
        /// </summary>
        public int SendTo(uint address, int port, byte[] buffer, int offset, int count)
        {
            if (_slot < 0) return UdpError.NotOpen;
            if (buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset || port < 1 || port > 65535 || address == 0)
                return UdpError.InvalidArgument;
            NetworkInterface output = _udp.Output;
            if (count > UdpOutput.MaxPayload(output)) return UdpError.TooLarge;
            System.Array.Copy(buffer, offset, output.Tx, UdpOutput.PayloadOffset(output), count);
            return UdpOutput.Send(output, LocalPort, address, port, count, 0, _udp.UdpCounters);
        }

        /// <summary>
        /// Copies the oldest waiting datagram into <paramref name="buffer"/> and returns its length (a longer one
        /// is cut to <paramref name="count"/>, <see cref="Truncated"/> set); <see cref="UdpError.WouldBlock"/> when
        /// none waits. The sender is in <see cref="RemoteAddress"/> and <see cref="RemotePort"/>.
        /// </summary>
        public int ReceiveFrom(byte[] buffer, int offset, int count)
        {
            if (_slot < 0) return UdpError.NotOpen;
            if (buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset) return UdpError.InvalidArgument;
            if (_head == _tail) return UdpError.WouldBlock;
            int length = Wire.NetworkOrder.Read16(_queue, _head);
            RemotePort = Wire.NetworkOrder.Read16(_queue, _head + 2);
            RemoteAddress = Wire.NetworkOrder.Read32(_queue, _head + 4);
            int copy = length < count ? length : count;
            Truncated = copy < length;
            System.Array.Copy(_queue, _head + RecordHeader, buffer, offset, copy);
            _head += RecordHeader + length;
            if (_head == _tail) _head = _tail = 0;
            return copy;
        }

        /// <summary>Unbinds the port and discards what waits; the socket returns to the stack's pool.</summary>
        public void Close()
        {
            if (_slot < 0) return;
            _udp.UdpPorts.Unbind(_slot);
            _slot = -1;
            LocalPort = 0;
            _head = _tail = 0;
        }

        void IUdpReceiver.OnDatagram(byte[] buffer, int offset, int length, uint source, int sourcePort, uint destination, long nowMs)
        {
            int need = RecordHeader + length;
            if (_queue.Length - _tail < need && _head > 0)
            {
                // Compact: move the waiting records to the front (one native copy).
                System.Array.Copy(_queue, _head, _queue, 0, _tail - _head);
                _tail -= _head;
                _head = 0;
            }
            if (_queue.Length - _tail < need)
            {
                _udp.CountUdpDrop(DropReason.UdpQueueFull, nowMs);
                return;
            }
            Wire.NetworkOrder.Write16(_queue, _tail, length);
            Wire.NetworkOrder.Write16(_queue, _tail + 2, sourcePort);
            Wire.NetworkOrder.Write32(_queue, _tail + 4, source);
            System.Array.Copy(buffer, offset, _queue, _tail + RecordHeader, length);
            _tail += need;
        }
    }
}
