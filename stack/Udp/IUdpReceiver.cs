namespace NanoTcp.Udp
{
    /// <summary>
    /// Gets the datagrams of one bound port straight from the receive buffer (no copy): the stack's own services
    /// (DHCP, DNS, mDNS, SNTP) and <see cref="UdpSocket"/>'s queue. Called from inside Poll; the buffer is only
    /// valid during the call.
    /// </summary>
    internal interface IUdpReceiver
    {
        /// <summary>
        /// One datagram: <paramref name="length"/> payload bytes at <paramref name="offset"/>, from
        /// <paramref name="source"/>:<paramref name="sourcePort"/> to <paramref name="destination"/> (our address,
        /// broadcast or a joined group).
        /// </summary>
        void OnDatagram(byte[] buffer, int offset, int length, uint source, int sourcePort, uint destination, long nowMs);
    }
}
