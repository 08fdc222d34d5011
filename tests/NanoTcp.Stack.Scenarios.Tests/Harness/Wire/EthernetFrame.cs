using System;

namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>Ethernet II frame (no preamble, no FCS), built and parsed by the test side.</summary>
    public sealed class EthernetFrame
    {
        /// <summary>EtherType of IPv4.</summary>
        public const ushort TypeIpv4 = 0x0800;
        /// <summary>EtherType of ARP.</summary>
        public const ushort TypeArp = 0x0806;
        /// <summary>The broadcast address.</summary>
        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        /// <summary>Header length: two MACs and the EtherType.</summary>
        public const int HeaderLength = 14;

        /// <summary>Destination MAC (6 bytes).</summary>
        public byte[] Destination;
        /// <summary>Source MAC (6 bytes).</summary>
        public byte[] Source;
        /// <summary>EtherType.</summary>
        public ushort EtherType;
        /// <summary>Everything after the header (may include padding to the 60-byte minimum).</summary>
        public byte[] Payload;

        /// <summary>Serialises the frame, padding it to the 60-byte minimum as a real NIC would.</summary>
        public byte[] Encode()
        {
            var f = new byte[Math.Max(60, HeaderLength + Payload.Length)];
            Array.Copy(Destination, 0, f, 0, 6);
            Array.Copy(Source, 0, f, 6, 6);
            Bytes.Put16(f, 12, EtherType);
            Array.Copy(Payload, 0, f, HeaderLength, Payload.Length);
            return f;
        }

        /// <summary>Parses a frame; returns null (with a reason) when it is shorter than a header.</summary>
        public static EthernetFrame Parse(byte[] f, out string error)
        {
            error = null;
            if (f.Length < HeaderLength) { error = $"frame of {f.Length} bytes is shorter than an Ethernet header"; return null; }
            return new EthernetFrame
            {
                Destination = Bytes.Slice(f, 0, 6),
                Source = Bytes.Slice(f, 6, 6),
                EtherType = Bytes.U16(f, 12),
                Payload = Bytes.Slice(f, HeaderLength, f.Length - HeaderLength),
            };
        }

        /// <summary>True when two MACs are equal.</summary>
        public static bool SameMac(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

        /// <summary>Colon-separated text of a MAC.</summary>
        public static string Mac(byte[] m) => BitConverter.ToString(m).Replace('-', ':');
    }
}
