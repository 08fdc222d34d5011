using NanoTcp.Wire;

namespace NanoTcp.Udp
{
    /// <summary>
    /// The UDP header (RFC 768) as static accessors over <c>byte[] + offset</c> (no struct: nanoCLR boxes struct
    /// locals). Callers check <see cref="IsWellFormed"/> once; the other accessors assume it held.
    /// </summary>
    internal static class UdpHeader
    {
        /// <summary>IPv4 protocol number of UDP (RFC 768, IANA).</summary>
        public const int Protocol = 17;

        /// <summary>Header length: source port, destination port, length, checksum.</summary>
        public const int Length = 8;

        public static int SourcePort(byte[] b, int o) { return NetworkOrder.Read16(b, o); }
        public static int DestinationPort(byte[] b, int o) { return NetworkOrder.Read16(b, o + 2); }
        public static int DatagramLength(byte[] b, int o) { return NetworkOrder.Read16(b, o + 4); }
        public static int Checksum(byte[] b, int o) { return NetworkOrder.Read16(b, o + 6); }

        /// <summary>
        /// The header fits, its length field covers at least the header and no more than the IP payload
        /// (<paramref name="available"/>; RFC 768: length counts header and data). Port 0 is not a valid source
        /// or destination for delivery.
        /// </summary>
        public static bool IsWellFormed(byte[] b, int o, int available)
        {
            if (available < Length) return false;
            int length = DatagramLength(b, o);
            return length >= Length && length <= available && DestinationPort(b, o) != 0;
        }

        /// <summary>
        /// The checksum verifies over the pseudo-header, header and data (RFC 768; RFC 1122 4.1.3.4). A zero
        /// field means the sender computed none, which RFC 768 allows: accepted.
        /// </summary>
        public static bool HasValidChecksum(byte[] b, int o, uint source, uint destination)
        {
            if (Checksum(b, o) == 0) return true;
            int length = DatagramLength(b, o);
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, Protocol, length);
            return InternetChecksum.IsValid(InternetChecksum.Add(sum, b, o, length));
        }

        /// <summary>
        /// Writes the header in front of <paramref name="payloadLength"/> bytes already at <c>o + 8</c> and the
        /// checksum over the pseudo-header; a computed 0 is sent as 0xFFFF (RFC 768).
        /// </summary>
        public static void Write(byte[] b, int o, int sourcePort, int destinationPort, int payloadLength, uint source, uint destination)
        {
            int length = Length + payloadLength;
            NetworkOrder.Write16(b, o, sourcePort);
            NetworkOrder.Write16(b, o + 2, destinationPort);
            NetworkOrder.Write16(b, o + 4, length);
            NetworkOrder.Write16(b, o + 6, 0);
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, Protocol, length);
            int checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, b, o, length));
            NetworkOrder.Write16(b, o + 6, checksum == 0 ? 0xFFFF : checksum);
        }
    }
}
