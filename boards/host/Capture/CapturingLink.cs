namespace NanoTcp.VirtualBoard.Capture
{
    /// <summary>
    /// An <see cref="ILink"/> decorator that copies every frame received from, and accepted by, the inner link
    /// into a <see cref="PcapWriter"/>: the capture shows exactly what was on the wire.
    /// </summary>
    public sealed class CapturingLink : ILink
    {
        private readonly ILink _inner;
        private readonly PcapWriter _pcap;

        /// <summary>Wraps <paramref name="inner"/>, writing its traffic to <paramref name="pcap"/>.</summary>
        public CapturingLink(ILink inner, PcapWriter pcap)
        {
            _inner = inner;
            _pcap = pcap;
        }

        /// <inheritdoc />
        public bool IsUp => _inner.IsUp;

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            int n = _inner.Receive(buffer, offset, count);
            if (n > 0) _pcap.Write(buffer, offset, n);
            return n;
        }

        /// <inheritdoc />
        public bool Transmit(byte[] buffer, int offset, int count)
        {
            bool accepted = _inner.Transmit(buffer, offset, count);
            if (accepted) _pcap.Write(buffer, offset, count);
            return accepted;
        }
    }
}
