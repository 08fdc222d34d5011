using System;

namespace NanoTcp.Stack.Tests.Infrastructure
{
    /// <summary>
    /// The tests' own packet codec, written independently of the stack's wire module: builds Ethernet/ARP/IPv4/
    /// ICMP/TCP frames and parses what the stack sends, verifying every checksum with a separate implementation.
    /// </summary>
    public static class Packets
    {
        public const byte Fin = 1, Syn = 2, Rst = 4, Psh = 8, Ack = 16, Urg = 32;

        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        public static ushort Checksum(byte[] b, int off, int len, uint initial = 0)
        {
            ulong sum = initial;
            for (int i = 0; i + 1 < len; i += 2) sum += (ulong)((b[off + i] << 8) | b[off + i + 1]);
            if ((len & 1) == 1) sum += (ulong)(b[off + len - 1] << 8);
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return (ushort)~sum;
        }

        private static uint Pseudo(uint src, uint dst, int proto, int len)
            => (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF) + (uint)proto + (uint)len;

        private static void Put16(byte[] b, int o, int v) { b[o] = (byte)(v >> 8); b[o + 1] = (byte)v; }
        private static void Put32(byte[] b, int o, uint v) { b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v; }
        public static int Get16(byte[] b, int o) => (b[o] << 8) | b[o + 1];
        public static uint Get32(byte[] b, int o) => ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];

        public static byte[] Ethernet(byte[] dst, byte[] src, int type, byte[] payload)
        {
            var f = new byte[14 + payload.Length];
            Array.Copy(dst, 0, f, 0, 6);
            Array.Copy(src, 0, f, 6, 6);
            Put16(f, 12, type);
            Array.Copy(payload, 0, f, 14, payload.Length);
            return f;
        }

        public static byte[] Arp(int op, byte[] senderMac, uint senderIp, byte[] targetMac, uint targetIp)
        {
            var a = new byte[28];
            Put16(a, 0, 1); Put16(a, 2, 0x0800); a[4] = 6; a[5] = 4; Put16(a, 6, op);
            Array.Copy(senderMac, 0, a, 8, 6); Put32(a, 14, senderIp);
            Array.Copy(targetMac, 0, a, 18, 6); Put32(a, 24, targetIp);
            return a;
        }

        public static byte[] Ipv4(uint src, uint dst, int proto, byte[] payload, int ttl = 64, int flagsFrag = 0x4000)
        {
            var p = new byte[20 + payload.Length];
            p[0] = 0x45; Put16(p, 2, p.Length); Put16(p, 4, 0x1234); Put16(p, 6, flagsFrag);
            p[8] = (byte)ttl; p[9] = (byte)proto; Put32(p, 12, src); Put32(p, 16, dst);
            Put16(p, 10, Checksum(p, 0, 20));
            Array.Copy(payload, 0, p, 20, payload.Length);
            return p;
        }

        public static byte[] IcmpEcho(int type, int id, int seq, byte[] data)
        {
            var m = new byte[8 + data.Length];
            m[0] = (byte)type; Put16(m, 4, id); Put16(m, 6, seq);
            Array.Copy(data, 0, m, 8, data.Length);
            Put16(m, 2, Checksum(m, 0, m.Length));
            return m;
        }

        public static byte[] Tcp(uint src, uint dst, int sport, int dport, uint seq, uint ack, byte flags, int window,
                                 byte[] data = null, byte[] options = null)
        {
            data ??= Array.Empty<byte>();
            options ??= Array.Empty<byte>();
            int hl = 20 + options.Length;
            var t = new byte[hl + data.Length];
            Put16(t, 0, sport); Put16(t, 2, dport); Put32(t, 4, seq); Put32(t, 8, ack);
            t[12] = (byte)((hl / 4) << 4); t[13] = flags; Put16(t, 14, window);
            Array.Copy(options, 0, t, 20, options.Length);
            Array.Copy(data, 0, t, hl, data.Length);
            Put16(t, 16, Checksum(t, 0, t.Length, Pseudo(src, dst, 6, t.Length)));
            return t;
        }

        public static byte[] MssOption(int mss) => new byte[] { 2, 4, (byte)(mss >> 8), (byte)mss };

        /// <summary>A full TCP/IPv4/Ethernet frame.</summary>
        public static byte[] TcpFrame(byte[] dstMac, byte[] srcMac, uint src, uint dst, int sport, int dport, uint seq, uint ack,
                                      byte flags, int window, byte[] data = null, byte[] options = null)
            => Ethernet(dstMac, srcMac, 0x0800, Ipv4(src, dst, 6, Tcp(src, dst, sport, dport, seq, ack, flags, window, data, options)));

        /// <summary>What the tests read back from a frame the stack sent. Throws (fails the test) on a bad checksum.</summary>
        public sealed class Parsed
        {
            public byte[] Frame;
            public byte[] DstMac = new byte[6], SrcMac = new byte[6];
            public int EtherType;
            public int ArpOp; public uint ArpSenderIp, ArpTargetIp; public byte[] ArpSenderMac = new byte[6];
            public uint IpSrc, IpDst; public int Protocol, Ttl, IpTotalLength;
            public int IcmpType, IcmpId, IcmpSeq; public byte[] IcmpData;
            public int SrcPort, DstPort; public uint Seq, AckNum; public byte Flags; public int Window; public int Mss = -1;
            public byte[] Data;
            public bool Is(byte flags) => Flags == flags;
            public override string ToString() => EtherType == 0x0806 ? $"ARP op={ArpOp}" :
                Protocol == 6 ? $"TCP {SrcPort}->{DstPort} flags={Flags:X2} seq={Seq} ack={AckNum} win={Window} len={Data?.Length}" : $"IP proto={Protocol}";
        }

        public static Parsed Parse(byte[] f)
        {
            var p = new Parsed { Frame = f };
            Array.Copy(f, 0, p.DstMac, 0, 6); Array.Copy(f, 6, p.SrcMac, 0, 6);
            p.EtherType = Get16(f, 12);
            if (p.EtherType == 0x0806)
            {
                p.ArpOp = Get16(f, 20); Array.Copy(f, 22, p.ArpSenderMac, 0, 6);
                p.ArpSenderIp = Get32(f, 28); p.ArpTargetIp = Get32(f, 38);
                return p;
            }
            if (p.EtherType != 0x0800) throw new InvalidOperationException("unexpected EtherType");
            int ip = 14;
            int ihl = (f[ip] & 0xF) * 4;
            if (Checksum(f, ip, ihl) != 0) throw new InvalidOperationException("bad IPv4 header checksum from the stack");
            p.IpTotalLength = Get16(f, ip + 2); p.Ttl = f[ip + 8]; p.Protocol = f[ip + 9];
            p.IpSrc = Get32(f, ip + 12); p.IpDst = Get32(f, ip + 16);
            int l4 = ip + ihl, len = p.IpTotalLength - ihl;
            if (p.Protocol == 1)
            {
                if (Checksum(f, l4, len) != 0) throw new InvalidOperationException("bad ICMP checksum from the stack");
                p.IcmpType = f[l4]; p.IcmpId = Get16(f, l4 + 4); p.IcmpSeq = Get16(f, l4 + 6);
                p.IcmpData = new byte[len - 8]; Array.Copy(f, l4 + 8, p.IcmpData, 0, len - 8);
            }
            else if (p.Protocol == 6)
            {
                if (Checksum(f, l4, len, Pseudo(p.IpSrc, p.IpDst, 6, len)) != 0) throw new InvalidOperationException("bad TCP checksum from the stack");
                p.SrcPort = Get16(f, l4); p.DstPort = Get16(f, l4 + 2); p.Seq = Get32(f, l4 + 4); p.AckNum = Get32(f, l4 + 8);
                int hl = (f[l4 + 12] >> 4) * 4; p.Flags = f[l4 + 13]; p.Window = Get16(f, l4 + 14);
                for (int i = l4 + 20; i < l4 + hl;)
                {
                    if (f[i] == 0) break;
                    if (f[i] == 1) { i++; continue; }
                    if (f[i] == 2 && f[i + 1] == 4) p.Mss = Get16(f, i + 2);
                    i += f[i + 1];
                }
                p.Data = new byte[len - hl]; Array.Copy(f, l4 + hl, p.Data, 0, len - hl);
            }
            return p;
        }
    }
}
