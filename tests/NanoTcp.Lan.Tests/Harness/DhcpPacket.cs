using System;
using System.Collections.Generic;
using System.Linq;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests.Harness
{
    /// <summary>Test-side DHCP codec (RFC 2131 §2 figure 1, RFC 2132 options), written from the RFCs.</summary>
    public sealed class DhcpPacket
    {
        public byte Op = 2;
        public uint Xid;
        public ushort Secs;
        public ushort Flags;
        public uint Ciaddr, Yiaddr, Siaddr, Giaddr;
        public byte[] Chaddr = new byte[6];
        public int EncodedLength;
        /// <summary>Options in wire order (code, value).</summary>
        public List<(byte Code, byte[] Value)> Options = new List<(byte, byte[])>();

        public byte[] Option(byte code) => Options.Where(o => o.Code == code).Select(o => o.Value).FirstOrDefault();
        public int MessageType => Option(53)?[0] ?? -1;
        public uint Address(byte code) { var v = Option(code); return v == null ? 0 : Bytes.U32(v, 0); }

        public DhcpPacket With(byte code, params byte[] value) { Options.Add((code, value)); return this; }
        public DhcpPacket WithAddress(byte code, uint a) { var v = new byte[4]; Bytes.Put32(v, 0, a); return With(code, v); }

        public byte[] Encode()
        {
            int length = 240 + Options.Sum(o => 2 + o.Value.Length) + 1;
            var d = new byte[Math.Max(length, 300)];
            d[0] = Op; d[1] = 1; d[2] = 6;
            Bytes.Put32(d, 4, Xid);
            Bytes.Put16(d, 8, Secs);
            Bytes.Put16(d, 10, Flags);
            Bytes.Put32(d, 12, Ciaddr); Bytes.Put32(d, 16, Yiaddr); Bytes.Put32(d, 20, Siaddr); Bytes.Put32(d, 24, Giaddr);
            Array.Copy(Chaddr, 0, d, 28, 6);
            Bytes.Put32(d, 236, 0x63825363);
            int p = 240;
            foreach (var (code, value) in Options)
            {
                d[p] = code; d[p + 1] = (byte)value.Length;
                Array.Copy(value, 0, d, p + 2, value.Length);
                p += 2 + value.Length;
            }
            d[p] = 255;
            return d;
        }

        public static DhcpPacket Parse(byte[] d, out string error)
        {
            error = null;
            if (d.Length < 240) { error = "DHCP message shorter than 240 bytes"; return null; }
            if (Bytes.U32(d, 236) != 0x63825363) { error = "no magic cookie"; return null; }
            var m = new DhcpPacket
            {
                Op = d[0], Xid = Bytes.U32(d, 4), Secs = Bytes.U16(d, 8), Flags = Bytes.U16(d, 10),
                Ciaddr = Bytes.U32(d, 12), Yiaddr = Bytes.U32(d, 16), Siaddr = Bytes.U32(d, 20), Giaddr = Bytes.U32(d, 24),
                Chaddr = Bytes.Slice(d, 28, 6), EncodedLength = d.Length,
            };
            if (d[1] != 1 || d[2] != 6) { error = "not Ethernet"; return null; }
            int i = 240;
            while (true)
            {
                if (i >= d.Length) { error = "options without End"; return null; }
                byte c = d[i];
                if (c == 255) break;
                if (c == 0) { i++; continue; }
                if (i + 2 > d.Length || i + 2 + d[i + 1] > d.Length) { error = "option " + c + " runs past the end"; return null; }
                m.Options.Add((c, Bytes.Slice(d, i + 2, d[i + 1])));
                i += 2 + d[i + 1];
            }
            return m;
        }
    }

    /// <summary>A scripted DHCP server on the wire: builds replies to the stack's requests.</summary>
    public sealed class DhcpServerScript
    {
        public uint ServerIp = LanWire.PeerIp;
        public byte[] ServerMac = LanWire.PeerMac;
        public uint Offered = 0xC0000232; // 192.0.2.50
        public uint Mask = 0xFFFFFF00, Router = LanWire.PeerIp, Dns = 0xC0000235, Ntp = 0xC0000236;
        public uint LeaseSeconds = 3600;
        private readonly LanWire _w;

        public DhcpServerScript(LanWire w) { _w = w; }

        /// <summary>Takes the frames the stack sent and returns the DHCP messages among them (with their UDP/IP view).</summary>
        public List<(SentFrame Frame, DhcpPacket Dhcp)> TakeDhcp()
        {
            var list = new List<(SentFrame, DhcpPacket)>();
            foreach (var f in _w.SentUdp())
            {
                if (f.Udp.DestinationPort != 67) continue;
                var p = DhcpPacket.Parse(f.Udp.Payload, out string err);
                if (err != null) throw new InvalidOperationException(err);
                list.Add((f, p));
            }
            return list;
        }

        public DhcpPacket Reply(DhcpPacket request, int type, uint yiaddr, bool withLease = true)
        {
            var r = new DhcpPacket { Op = 2, Xid = request.Xid, Flags = request.Flags, Yiaddr = yiaddr, Chaddr = request.Chaddr, Ciaddr = request.Ciaddr };
            r.With(53, (byte)type).WithAddress(54, ServerIp);
            if (type != 6)
            {
                r.WithAddress(1, Mask).WithAddress(3, Router).WithAddress(6, Dns).WithAddress(42, Ntp);
                if (withLease) { var v = new byte[4]; Bytes.Put32(v, 0, LeaseSeconds); r.With(51, v); }
            }
            return r;
        }

        /// <summary>Sends a reply as the server does to a client with the BROADCAST flag (RFC 2131 §4.1), or unicast to <paramref name="to"/>.</summary>
        public void Send(DhcpPacket reply, uint to = 0xFFFFFFFF, uint fromIp = 0, byte[] fromMac = null)
        {
            byte[] dstMac = to == 0xFFFFFFFF ? LanWire.BroadcastMac : LanWire.StackMac;
            _w.Inject(_w.UdpFrame(fromMac ?? ServerMac, dstMac, fromIp == 0 ? ServerIp : fromIp, to, 67, 68, reply.Encode()));
        }

        /// <summary>Takes the stack's DISCOVER, offers <see cref="Offered"/> and returns the DISCOVER and the REQUEST that follows.</summary>
        public (DhcpPacket Discover, DhcpPacket Request) Offer()
        {
            _w.Poll();
            var discover = TakeDhcp().Single(m => m.Dhcp.MessageType == 1).Dhcp;
            Send(Reply(discover, 2, Offered));
            var request = TakeDhcp().Single(m => m.Dhcp.MessageType == 3).Dhcp;
            return (discover, request);
        }

        /// <summary>Runs DISCOVER → OFFER → REQUEST → ACK and the RFC 5227 probe until the stack is BOUND; returns the ACK's request.</summary>
        public DhcpPacket Bind()
        {
            var (_, request) = Offer();
            Send(Reply(request, 5, Offered));
            _w.RunUntil(_w.Now + 8000);
            _w.Sent();
            return request;
        }
    }
}
