using System;

namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>ICMP message (RFC 792), test side.</summary>
    public sealed class IcmpMessage
    {
        /// <summary>Type of an echo reply.</summary>
        public const byte TypeEchoReply = 0;
        /// <summary>Type of destination unreachable.</summary>
        public const byte TypeDestinationUnreachable = 3;
        /// <summary>Type of an echo request.</summary>
        public const byte TypeEchoRequest = 8;

        /// <summary>Type.</summary>
        public byte Type;
        /// <summary>Code.</summary>
        public byte Code;
        /// <summary>The 4 bytes after the checksum (identifier and sequence for echo).</summary>
        public uint RestOfHeader;
        /// <summary>Data after the 8-byte header.</summary>
        public byte[] Data = Array.Empty<byte>();

        /// <summary>Echo identifier (upper half of <see cref="RestOfHeader"/>).</summary>
        public ushort Identifier => (ushort)(RestOfHeader >> 16);

        /// <summary>Echo sequence number (lower half of <see cref="RestOfHeader"/>).</summary>
        public ushort Sequence => (ushort)RestOfHeader;

        /// <summary>Serialises the message with a valid checksum.</summary>
        public byte[] Encode()
        {
            var m = new byte[8 + Data.Length];
            m[0] = Type;
            m[1] = Code;
            Bytes.Put32(m, 4, RestOfHeader);
            Array.Copy(Data, 0, m, 8, Data.Length);
            Bytes.Put16(m, 2, InternetChecksum.Compute(m, 0, m.Length));
            return m;
        }

        /// <summary>Parses a message and verifies its checksum; null with a reason on error.</summary>
        public static IcmpMessage Parse(byte[] m, out string error)
        {
            error = null;
            if (m.Length < 8) { error = "ICMP message truncated"; return null; }
            if (InternetChecksum.Compute(m, 0, m.Length) != 0) { error = "bad ICMP checksum"; return null; }
            return new IcmpMessage { Type = m[0], Code = m[1], RestOfHeader = Bytes.U32(m, 4), Data = Bytes.Slice(m, 8, m.Length - 8) };
        }
    }
}
