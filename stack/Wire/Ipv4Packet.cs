namespace NanoTcp.Wire
{
    /// <summary>
    /// View of an IPv4 datagram (RFC 791). <see cref="IsWellFormed"/> and <see cref="HasValidChecksum"/> validate version, IHL, total length against
    /// the frame, and the header checksum; afterwards every accessor is safe.
    /// </summary>
    internal struct Ipv4Packet
    {
        public const int MinHeaderLength = 20;
        public const int ProtocolIcmp = 1;
        public const int ProtocolTcp = 6;
        private const int FlagMoreFragments = 0x2000;
        private const int FragmentOffsetMask = 0x1FFF;

        public readonly byte[] Buffer;
        public readonly int Offset;
        private readonly int _available;

        public Ipv4Packet(byte[] buffer, int offset, int available)
        {
            Buffer = buffer;
            Offset = offset;
            _available = available;
        }

        /// <summary>Structural check (no checksum): false means malformed.</summary>
        public bool IsWellFormed
        {
            get
            {
                if (_available < MinHeaderLength) return false;
                if ((Buffer[Offset] >> 4) != 4) return false;
                int ihl = HeaderLength;
                if (ihl < MinHeaderLength) return false;
                int total = TotalLength;
                // Ethernet pads short frames: the frame may be longer than the datagram, never shorter.
                return total >= ihl && total <= _available;
            }
        }

        /// <summary>The header checksum verifies (call only when <see cref="IsWellFormed"/>).</summary>
        public bool HasValidChecksum { get { return InternetChecksum.IsValid(InternetChecksum.Add(0, Buffer, Offset, HeaderLength)); } }

        public int HeaderLength { get { return (Buffer[Offset] & 0x0F) * 4; } }
        public int TotalLength { get { return NetworkOrder.Read16(Buffer, Offset + 2); } }
        public bool IsFragment { get { return (NetworkOrder.Read16(Buffer, Offset + 6) & (FlagMoreFragments | FragmentOffsetMask)) != 0; } }
        public int Protocol { get { return Buffer[Offset + 9]; } }
        public uint Source { get { return NetworkOrder.Read32(Buffer, Offset + 12); } }
        public uint Destination { get { return NetworkOrder.Read32(Buffer, Offset + 16); } }
        public int PayloadOffset { get { return Offset + HeaderLength; } }
        public int PayloadLength { get { return TotalLength - HeaderLength; } }

        /// <summary>
        /// Writes a 20-byte header (no options) with its checksum. DF is clear: we never fragment ourselves (MSS keeps
        /// segments within our MTU), and a router on a smaller-MTU path may fragment instead of dropping, so there is
        /// no path-MTU black hole even though we do not process ICMP "fragmentation needed" (RFC 1191 is optional).
        /// </summary>
        public static void WriteHeader(byte[] b, int o, int payloadLength, int identification, int ttl, int protocol, uint source, uint destination)
        {
            b[o] = 0x45;
            b[o + 1] = 0;
            NetworkOrder.Write16(b, o + 2, MinHeaderLength + payloadLength);
            NetworkOrder.Write16(b, o + 4, identification);
            NetworkOrder.Write16(b, o + 6, 0);
            b[o + 8] = (byte)ttl;
            b[o + 9] = (byte)protocol;
            b[o + 10] = 0;
            b[o + 11] = 0;
            NetworkOrder.Write32(b, o + 12, source);
            NetworkOrder.Write32(b, o + 16, destination);
            NetworkOrder.Write16(b, o + 10, InternetChecksum.Finish(InternetChecksum.Add(0, b, o, MinHeaderLength)));
        }
    }
}
