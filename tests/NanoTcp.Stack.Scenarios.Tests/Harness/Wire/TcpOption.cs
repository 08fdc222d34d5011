using System;
using System.Collections.Generic;

namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>One TCP option (RFC 9293 §3.2): kind plus the bytes after the length octet.</summary>
    public sealed record TcpOption(byte Kind, byte[] Data)
    {
        /// <summary>End of option list.</summary>
        public const byte KindEnd = 0;
        /// <summary>No-operation (padding between options).</summary>
        public const byte KindNop = 1;
        /// <summary>Maximum segment size (RFC 9293 §3.7.1).</summary>
        public const byte KindMss = 2;

        /// <summary>An MSS option.</summary>
        public static TcpOption Mss(ushort mss) => new TcpOption(KindMss, new[] { (byte)(mss >> 8), (byte)mss });

        /// <summary>A NOP.</summary>
        public static TcpOption Nop => new TcpOption(KindNop, Array.Empty<byte>());

        /// <summary>An option of a kind the stack does not know.</summary>
        public static TcpOption Unknown(byte kind, int dataLength) => new TcpOption(kind, new byte[dataLength]);

        /// <summary>Encodes options and pads them with EOL bytes to a multiple of 4.</summary>
        public static byte[] Encode(IReadOnlyList<TcpOption> options)
        {
            var bytes = new List<byte>();
            foreach (var o in options)
            {
                bytes.Add(o.Kind);
                if (o.Kind == KindEnd || o.Kind == KindNop) continue;
                bytes.Add((byte)(2 + o.Data.Length));
                bytes.AddRange(o.Data);
            }
            while (bytes.Count % 4 != 0) bytes.Add(KindEnd);
            return bytes.ToArray();
        }

        /// <summary>
        /// Parses the options area strictly: a length below 2 or running past the header is an error
        /// (RFC 9293 §3.1, §3.7.1). NOPs are skipped; EOL ends the list.
        /// </summary>
        public static List<TcpOption> Parse(byte[] area, out string error)
        {
            error = null;
            var list = new List<TcpOption>();
            int i = 0;
            while (i < area.Length)
            {
                byte kind = area[i];
                if (kind == KindEnd) break;
                if (kind == KindNop) { i++; continue; }
                if (i + 1 >= area.Length) { error = $"option kind {kind} has no length octet"; return list; }
                int len = area[i + 1];
                if (len < 2 || i + len > area.Length) { error = $"option kind {kind} has bad length {len}"; return list; }
                if (kind == KindMss && len != 4) { error = $"MSS option of length {len}"; return list; }
                list.Add(new TcpOption(kind, Bytes.Slice(area, i + 2, len - 2)));
                i += len;
            }
            return list;
        }

        /// <summary>tcpdump-like text.</summary>
        public override string ToString() => Kind == KindMss ? $"mss {Bytes.U16(Data, 0)}" : $"opt{Kind}/{Data.Length}";
    }
}
