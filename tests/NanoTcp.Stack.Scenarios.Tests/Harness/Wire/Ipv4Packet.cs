using System;

namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>IPv4 datagram (RFC 791), test side: builds with a correct header checksum, parses strictly.</summary>
    public sealed class Ipv4Packet
    {
        /// <summary>Protocol number of ICMP.</summary>
        public const byte ProtocolIcmp = 1;
        /// <summary>Protocol number of TCP.</summary>
        public const byte ProtocolTcp = 6;

        /// <summary>Source address.</summary>
        public uint Source;
        /// <summary>Destination address.</summary>
        public uint Destination;
        /// <summary>Protocol field.</summary>
        public byte Protocol;
        /// <summary>Time to live.</summary>
        public byte Ttl = 64;
        /// <summary>Identification.</summary>
        public ushort Identification;
        /// <summary>Flags and fragment offset field (0x4000 = DF).</summary>
        public ushort FlagsAndFragment = 0x4000;
        /// <summary>Header options (length a multiple of 4).</summary>
        public byte[] Options = Array.Empty<byte>();
        /// <summary>Payload (exactly total length minus header length when parsed).</summary>
        public byte[] Payload;

        /// <summary>Serialises the datagram with a valid header checksum.</summary>
        public byte[] Encode()
        {
            int ihl = 20 + Options.Length;
            var p = new byte[ihl + Payload.Length];
            p[0] = (byte)(0x40 | (ihl / 4));
            Bytes.Put16(p, 2, p.Length);
            Bytes.Put16(p, 4, Identification);
            Bytes.Put16(p, 6, FlagsAndFragment);
            p[8] = Ttl;
            p[9] = Protocol;
            Bytes.Put32(p, 12, Source);
            Bytes.Put32(p, 16, Destination);
            Array.Copy(Options, 0, p, 20, Options.Length);
            Bytes.Put16(p, 10, InternetChecksum.Compute(p, 0, ihl));
            Array.Copy(Payload, 0, p, ihl, Payload.Length);
            return p;
        }

        /// <summary>
        /// Parses and validates a datagram: version, IHL, total length against the bytes present (Ethernet
        /// padding beyond total length is ignored), header checksum. Returns null with a reason on any error.
        /// </summary>
        public static Ipv4Packet Parse(byte[] p, out string error)
        {
            error = null;
            if (p.Length < 20) { error = "IPv4 header truncated"; return null; }
            if ((p[0] >> 4) != 4) { error = $"IP version {p[0] >> 4}"; return null; }
            int ihl = (p[0] & 15) * 4;
            int total = Bytes.U16(p, 2);
            if (ihl < 20 || ihl > total || total > p.Length) { error = $"bad IHL {ihl} / total length {total} in {p.Length} bytes"; return null; }
            if (InternetChecksum.Compute(p, 0, ihl) != 0) { error = "bad IPv4 header checksum"; return null; }
            return new Ipv4Packet
            {
                Identification = Bytes.U16(p, 4),
                FlagsAndFragment = Bytes.U16(p, 6),
                Ttl = p[8],
                Protocol = p[9],
                Source = Bytes.U32(p, 12),
                Destination = Bytes.U32(p, 16),
                Options = Bytes.Slice(p, 20, ihl - 20),
                Payload = Bytes.Slice(p, ihl, total - ihl),
            };
        }
    }
}
