namespace NanoTcp.Wire
{
    /// <summary>
    /// View of an ICMP message (RFC 792) with the echo fields: type, code, checksum, identifier, sequence.
    /// </summary>
    internal struct IcmpEcho
    {
        public const int HeaderLength = 8;
        public const int TypeEchoReply = 0;
        public const int TypeDestinationUnreachable = 3;
        public const int TypeEchoRequest = 8;

        public readonly byte[] Buffer;
        public readonly int Offset;
        public readonly int Length;

        public IcmpEcho(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            Length = length;
        }

        public bool IsWellFormed { get { return Length >= HeaderLength; } }
        public bool HasValidChecksum { get { return InternetChecksum.IsValid(InternetChecksum.Add(0, Buffer, Offset, Length)); } }
        public int Type { get { return Buffer[Offset]; } }
        public int Code { get { return Buffer[Offset + 1]; } }
        public int Identifier { get { return NetworkOrder.Read16(Buffer, Offset + 4); } }
        public int Sequence { get { return NetworkOrder.Read16(Buffer, Offset + 6); } }
        public int DataLength { get { return Length - HeaderLength; } }

        /// <summary>Writes type/code/id/seq and the checksum over header and the data already in place.</summary>
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
