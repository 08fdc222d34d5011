namespace NanoTcp.Wire
{
    /// <summary>
    /// ICMP message with the echo layout (RFC 792: type, code, checksum, identifier, sequence, data) as static
    /// accessors over a byte array, the message's offset and its length. Destination unreachable shares the
    /// first four bytes; its data is the quoted datagram.
    /// </summary>
    internal static class IcmpEcho
    {
        public const int HeaderLength = 8;
        public const int TypeEchoReply = 0;
        public const int TypeDestinationUnreachable = 3;
        public const int TypeEchoRequest = 8;

        public static bool IsWellFormed(int length) { return length >= HeaderLength; }

        /// <summary>RFC 792: the checksum covers the whole ICMP message.</summary>
        public static bool HasValidChecksum(byte[] b, int o, int length)
        {
            return InternetChecksum.IsValid(InternetChecksum.Add(0, b, o, length));
        }

        public static int Type(byte[] b, int o) { return b[o]; }
        public static int Code(byte[] b, int o) { return b[o + 1]; }
        public static int Identifier(byte[] b, int o) { return NetworkOrder.Read16(b, o + 4); }
        public static int Sequence(byte[] b, int o) { return NetworkOrder.Read16(b, o + 6); }

        /// <summary>Writes the header in front of <paramref name="dataLength"/> bytes already in place, with the checksum.</summary>
        public static void Write(byte[] b, int o, int type, int identifier, int sequence, int dataLength)
        {
            b[o] = (byte)type;
            b[o + 1] = 0;
            b[o + 2] = 0;
            b[o + 3] = 0;
            NetworkOrder.Write16(b, o + 4, identifier);
            NetworkOrder.Write16(b, o + 6, sequence);
            NetworkOrder.Write16(b, o + 2, InternetChecksum.Finish(InternetChecksum.Add(0, b, o, HeaderLength + dataLength)));
        }
    }
}
