using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Capture;
using NanoTcp.VirtualBoard.Trace;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>The pcap writer and the ladder tracer on hand-made frames (no root needed).</summary>
    [TestClass]
    public sealed class CaptureAndTraceTests
    {
        private static readonly byte[] PeerMac = { 0x02, 0, 0, 0, 0, 1 };
        private static readonly byte[] BoardMac = { 0x02, 0x4E, 0x54, 0, 0, 2 };
        private const uint Peer = 0xC0000201, Board = 0xC0000202;

        /// <summary>Builds Ethernet + IPv4 + TCP (20-byte header, optional MSS option) with <paramref name="payload"/> bytes.</summary>
        private static byte[] Segment(bool fromPeer, int flags, uint seq, uint ack, int window, int payload, int mss = 0)
        {
            int tcpLen = mss > 0 ? 24 : 20;
            var f = new byte[14 + 20 + tcpLen + payload];
            Array.Copy(fromPeer ? BoardMac : PeerMac, 0, f, 0, 6);
            Array.Copy(fromPeer ? PeerMac : BoardMac, 0, f, 6, 6);
            f[12] = 0x08;
            f[14] = 0x45;
            int total = 20 + tcpLen + payload;
            f[16] = (byte)(total >> 8); f[17] = (byte)total;
            f[22] = 64; f[23] = 6;
            Put32(f, 26, fromPeer ? Peer : Board);
            Put32(f, 30, fromPeer ? Board : Peer);
            int t = 34;
            int sport = fromPeer ? 40000 : 7, dport = fromPeer ? 7 : 40000;
            f[t] = (byte)(sport >> 8); f[t + 1] = (byte)sport; f[t + 2] = (byte)(dport >> 8); f[t + 3] = (byte)dport;
            Put32(f, t + 4, seq);
            Put32(f, t + 8, ack);
            f[t + 12] = (byte)((tcpLen / 4) << 4);
            f[t + 13] = (byte)flags;
            f[t + 14] = (byte)(window >> 8); f[t + 15] = (byte)window;
            if (mss > 0) { f[t + 20] = 2; f[t + 21] = 4; f[t + 22] = (byte)(mss >> 8); f[t + 23] = (byte)mss; }
            return f;
        }

        private static void Put32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
        }

        /// <summary>The global header and one record are laid out as libpcap defines them.</summary>
        [TestMethod]
        public void Pcap_GlobalHeaderAndRecord()
        {
            var ms = new MemoryStream();
            var w = new PcapWriter(ms);
            byte[] frame = Segment(true, TcpSegmentSummary.Syn, 1, 0, 1000, 0);
            w.Write(frame, 0, frame.Length);
            w.Flush();
            byte[] b = ms.ToArray();
            Assert.AreEqual(24 + 16 + frame.Length, b.Length);
            Assert.AreEqual(0xA1B2C3D4u, BitConverter.ToUInt32(b, 0), "magic (little-endian file)");
            Assert.AreEqual(2, BitConverter.ToUInt16(b, 4));
            Assert.AreEqual(4, BitConverter.ToUInt16(b, 6));
            Assert.AreEqual(65535u, BitConverter.ToUInt32(b, 16), "snaplen");
            Assert.AreEqual(1u, BitConverter.ToUInt32(b, 20), "LINKTYPE_ETHERNET");
            uint seconds = BitConverter.ToUInt32(b, 24);
            Assert.IsTrue(Math.Abs(seconds - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 5, "timestamp is now (UTC)");
            Assert.IsTrue(BitConverter.ToUInt32(b, 28) < 1000000, "microseconds below one second");
            Assert.AreEqual((uint)frame.Length, BitConverter.ToUInt32(b, 32), "captured length");
            Assert.AreEqual((uint)frame.Length, BitConverter.ToUInt32(b, 36), "original length");
            CollectionAssert.AreEqual(frame, b[40..]);
        }

        /// <summary>A handshake and close drawn with relative numbers, with both sides' states.</summary>
        [TestMethod]
        public void Ladder_HandshakeAndClose_RelativeNumbersAndStates()
        {
            var text = new StringWriter();
            var t = new LadderTracer(text, true, null);
            uint p = 1000000, b = 5000000;
            void In(byte[] f) => t.FrameReceived(f, 0, f.Length, 10);
            void Out(byte[] f) => t.FrameSent(f, 0, f.Length, true, 10);
            In(Segment(true, TcpSegmentSummary.Syn, p, 0, 64240, 0, 1460));
            t.TcpStateChanged(3, TcpState.Listen, TcpState.SynReceived, 10);
            Out(Segment(false, TcpSegmentSummary.Syn | TcpSegmentSummary.Ack, b, p + 1, 4096, 0, 1460));
            In(Segment(true, TcpSegmentSummary.Ack, p + 1, b + 1, 64240, 0));
            t.TcpStateChanged(3, TcpState.SynReceived, TcpState.Established, 10);
            In(Segment(true, TcpSegmentSummary.Ack | TcpSegmentSummary.Psh, p + 1, b + 1, 64240, 5));
            In(Segment(true, TcpSegmentSummary.Fin | TcpSegmentSummary.Ack, p + 6, b + 1, 64240, 0));
            t.TcpStateChanged(3, TcpState.Established, TcpState.CloseWait, 10);
            Out(Segment(false, TcpSegmentSummary.Fin | TcpSegmentSummary.Ack, b + 1, p + 7, 4096, 0));
            t.TcpStateChanged(3, TcpState.CloseWait, TcpState.LastAck, 10);
            In(Segment(true, TcpSegmentSummary.Ack, p + 7, b + 2, 64240, 0));
            t.TcpStateChanged(3, TcpState.LastAck, TcpState.Closed, 10);
            string s = text.ToString();
            StringAssert.Contains(s, "--[SYN] seq=0 win=64240 len=0 mss=1460");
            StringAssert.Contains(s, "<--[SYN,ACK] seq=0 ack=1 win=4096 len=0 mss=1460");
            StringAssert.Contains(s, "--[PSH,ACK] seq=1 ack=1 win=64240 len=5");
            StringAssert.Contains(s, "--[FIN,ACK] seq=6 ack=1");
            StringAssert.Contains(s, "<--[FIN,ACK] seq=1 ack=7");
            StringAssert.Contains(s, "192.0.2.1:40000");
            StringAssert.Contains(s, "192.0.2.2:7");
            foreach (string state in new[] { "CLOSED -> SYN-SENT (inferred)", "SYN-SENT -> ESTABLISHED (inferred)", "ESTABLISHED -> FIN-WAIT-1 (inferred)",
                                             "FIN-WAIT-1 -> TIME-WAIT (inferred)", "LISTEN -> SYN-RECEIVED", "SYN-RECEIVED -> ESTABLISHED",
                                             "CLOSE-WAIT -> LAST-ACK", "LAST-ACK -> CLOSED" })
                StringAssert.Contains(s, state);
            Assert.IsFalse(s.Contains(" h3 "), "every transition was attributed to the conversation:\n" + s);
        }

        /// <summary>Absolute numbering shows the numbers as sent.</summary>
        [TestMethod]
        public void Ladder_AbsoluteNumbers()
        {
            var text = new StringWriter();
            var t = new LadderTracer(text, false, null);
            byte[] syn = Segment(true, TcpSegmentSummary.Syn, 4000000000, 0, 1000, 0);
            t.FrameReceived(syn, 0, syn.Length, 0);
            StringAssert.Contains(text.ToString(), "seq=4000000000");
        }

        /// <summary>Frames that are not well-formed IPv4/TCP are not segments.</summary>
        [TestMethod]
        public void SegmentSummary_RejectsMalformed()
        {
            byte[] good = Segment(true, TcpSegmentSummary.Ack, 1, 1, 100, 10);
            Assert.IsTrue(TcpSegmentSummary.TryRead(good, 0, good.Length, out var s));
            Assert.AreEqual(10, s.PayloadLength);
            Assert.IsFalse(TcpSegmentSummary.TryRead(good, 0, 40, out _), "truncated");
            var badIhl = (byte[])good.Clone(); badIhl[14] = 0x44;
            Assert.IsFalse(TcpSegmentSummary.TryRead(badIhl, 0, badIhl.Length, out _), "IHL 4");
            var badOffset = (byte[])good.Clone(); badOffset[34 + 12] = 0xF0;
            Assert.IsFalse(TcpSegmentSummary.TryRead(badOffset, 0, badOffset.Length, out _), "data offset past the segment");
            var arp = (byte[])good.Clone(); arp[13] = 0x06;
            Assert.IsFalse(TcpSegmentSummary.TryRead(arp, 0, arp.Length, out _), "not IPv4");
            Assert.IsFalse(TcpSegmentSummary.TryRead(null, 0, 0, out _));
        }
    }
}
