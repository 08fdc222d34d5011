using System;
using System.Collections.Generic;
using System.Linq;

namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>
    /// A TCP segment as the test script sees it (smoltcp's <c>TcpRepr</c>): fields, options and payload.
    /// Immutable so a template can be varied with <c>with</c>.
    /// </summary>
    public sealed record Segment
    {
        /// <summary>Source port.</summary>
        public ushort SourcePort { get; init; }
        /// <summary>Destination port.</summary>
        public ushort DestinationPort { get; init; }
        /// <summary>Sequence number.</summary>
        public uint Seq { get; init; }
        /// <summary>Acknowledgment number (meaningful with <see cref="Flags.Ack"/>).</summary>
        public uint Ack { get; init; }
        /// <summary>Control bits.</summary>
        public Flags Flags { get; init; }
        /// <summary>Window field.</summary>
        public ushort Window { get; init; }
        /// <summary>Urgent pointer.</summary>
        public ushort UrgentPointer { get; init; }
        /// <summary>Options, encoded and padded to a multiple of 4 bytes.</summary>
        public IReadOnlyList<TcpOption> Options { get; init; } = Array.Empty<TcpOption>();
        /// <summary>When set, sent verbatim as the options area instead of <see cref="Options"/> (malformed options).</summary>
        public byte[] RawOptions { get; init; }
        /// <summary>Data.</summary>
        public byte[] Payload { get; init; } = Array.Empty<byte>();

        /// <summary>SEG.LEN: data plus one for SYN and one for FIN (RFC 9293 §3.4).</summary>
        public int Length => Payload.Length + ((Flags & Flags.Syn) != 0 ? 1 : 0) + ((Flags & Flags.Fin) != 0 ? 1 : 0);

        /// <summary>The MSS option value, or null when absent.</summary>
        public ushort? Mss
        {
            get
            {
                foreach (var o in Options) if (o.Kind == TcpOption.KindMss) return Bytes.U16(o.Data, 0);
                return null;
            }
        }

        /// <summary>Serialises the segment with a valid checksum over the IPv4 pseudo-header.</summary>
        public byte[] Encode(uint sourceIp, uint destinationIp)
        {
            byte[] opts = RawOptions ?? TcpOption.Encode(Options);
            int hl = 20 + opts.Length;
            var t = new byte[hl + Payload.Length];
            Bytes.Put16(t, 0, SourcePort);
            Bytes.Put16(t, 2, DestinationPort);
            Bytes.Put32(t, 4, Seq);
            Bytes.Put32(t, 8, Ack);
            t[12] = (byte)((hl / 4) << 4);
            t[13] = (byte)Flags;
            Bytes.Put16(t, 14, Window);
            Bytes.Put16(t, 18, UrgentPointer);
            Array.Copy(opts, 0, t, 20, opts.Length);
            Array.Copy(Payload, 0, t, hl, Payload.Length);
            uint sum = InternetChecksum.PseudoHeader(sourceIp, destinationIp, Ipv4Packet.ProtocolTcp, t.Length);
            Bytes.Put16(t, 16, InternetChecksum.Finish(InternetChecksum.Add(sum, t, 0, t.Length)));
            return t;
        }

        /// <summary>
        /// Parses a TCP segment and verifies its checksum, data offset and options; null with a reason on error.
        /// Reserved bits must be zero: the stack never sends ECN or other bits it does not negotiate.
        /// </summary>
        public static Segment Parse(byte[] t, uint sourceIp, uint destinationIp, out string error)
        {
            error = null;
            if (t.Length < 20) { error = "TCP header truncated"; return null; }
            uint sum = InternetChecksum.PseudoHeader(sourceIp, destinationIp, Ipv4Packet.ProtocolTcp, t.Length);
            if (InternetChecksum.Finish(InternetChecksum.Add(sum, t, 0, t.Length)) != 0) { error = "bad TCP checksum"; return null; }
            int hl = (t[12] >> 4) * 4;
            if (hl < 20 || hl > t.Length) { error = $"bad TCP data offset {hl}"; return null; }
            if ((t[12] & 0x0F) != 0 || (t[13] & 0xC0) != 0) { error = "reserved/ECN bits set"; return null; }
            var options = TcpOption.Parse(Bytes.Slice(t, 20, hl - 20), out error);
            if (error != null) return null;
            return new Segment
            {
                SourcePort = Bytes.U16(t, 0),
                DestinationPort = Bytes.U16(t, 2),
                Seq = Bytes.U32(t, 4),
                Ack = Bytes.U32(t, 8),
                Flags = (Flags)(t[13] & 0x3F),
                Window = Bytes.U16(t, 14),
                UrgentPointer = Bytes.U16(t, 18),
                Options = options,
                Payload = Bytes.Slice(t, hl, t.Length - hl),
            };
        }

        /// <summary>tcpdump-like text: <c>40000 > 80 [S.] seq 10000:10001(0) ack 1 win 8192 &lt;mss 1460&gt;</c>.</summary>
        public override string ToString()
        {
            string f = "";
            if ((Flags & Flags.Syn) != 0) f += "S";
            if ((Flags & Flags.Fin) != 0) f += "F";
            if ((Flags & Flags.Rst) != 0) f += "R";
            if ((Flags & Flags.Psh) != 0) f += "P";
            if ((Flags & Flags.Urg) != 0) f += "U";
            if ((Flags & Flags.Ack) != 0) f += ".";
            string opts = Options.Count == 0 ? "" : " <" + string.Join(",", Options.Select(o => o.ToString())) + ">";
            string ack = (Flags & Flags.Ack) != 0 ? $" ack {Ack}" : "";
            return $"{SourcePort} > {DestinationPort} [{f}] seq {Seq} len {Payload.Length}{ack} win {Window}{opts}";
        }
    }
}
