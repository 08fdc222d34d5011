using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Lan.Tests.Harness;
using NanoTcp.Scenarios.Harness.Wire;
using NanoTcp.Udp;

namespace NanoTcp.Lan.Tests
{
    /// <summary>UDP (RFC 768, RFC 1122 §4.1) rows U01–U10.</summary>
    [TestClass]
    public sealed class UdpScenarios
    {
        private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello, udp");

        [TestMethod]
        public void U01_Datagram_to_a_bound_port_is_received_with_the_senders_address_RFC768()
        {
            var w = new LanWire();
            UdpSocket s = w.Stack.OpenUdp(7000);
            Assert.IsNotNull(s);
            w.FromPeer(40000, 7000, Hello);
            var buf = new byte[64];
            int n = s.ReceiveFrom(buf, 3, 60);
            Assert.AreEqual(Hello.Length, n);
            CollectionAssert.AreEqual(Hello, Bytes.Slice(buf, 3, n));
            Assert.AreEqual(LanWire.PeerIp, s.RemoteAddress);
            Assert.AreEqual(40000, s.RemotePort);
            Assert.AreEqual(UdpError.WouldBlock, s.ReceiveFrom(buf, 0, 64));
            Assert.AreEqual(1, w.Stack.UdpCounters.DatagramsReceived);
        }

        [TestMethod]
        public void U02_SendTo_emits_one_datagram_with_a_correct_pseudo_header_checksum_RFC768()
        {
            var w = new LanWire();
            w.Stack.AddStaticArpEntry(LanWire.PeerIp, LanWire.PeerMac, 0);
            UdpSocket s = w.Stack.OpenUdp(7000);
            Assert.AreEqual(UdpError.None, s.SendTo(LanWire.PeerIp, 9999, Hello, 0, Hello.Length));
            var sent = w.SentUdp();
            Assert.AreEqual(1, sent.Count);
            Assert.AreEqual(LanWire.StackIp, sent[0].Ip.Source);
            Assert.AreEqual(LanWire.PeerIp, sent[0].Ip.Destination);
            Assert.AreEqual(7000, sent[0].Udp.SourcePort);
            Assert.AreEqual(9999, sent[0].Udp.DestinationPort);
            CollectionAssert.AreEqual(Hello, sent[0].Udp.Payload);
            CollectionAssert.AreEqual(LanWire.PeerMac, sent[0].Ethernet.Destination);
        }

        [TestMethod]
        public void U03_Unresolved_next_hop_reports_Resolving_and_sends_ARP_then_the_datagram_after_the_reply_RFC1122_2_3_2_2()
        {
            var w = new LanWire();
            UdpSocket s = w.Stack.OpenUdp(7000);
            Assert.AreEqual(UdpError.Resolving, s.SendTo(LanWire.PeerIp, 9999, Hello, 0, Hello.Length));
            w.Poll();
            var arp = w.Sent();
            Assert.AreEqual(1, arp.Count);
            Assert.AreEqual(ArpPacket.OpRequest, arp[0].Arp.Operation);
            Assert.AreEqual(LanWire.PeerIp, arp[0].Arp.TargetIp);
            w.AnswerArp(LanWire.PeerIp, LanWire.PeerMac);
            Assert.AreEqual(UdpError.None, s.SendTo(LanWire.PeerIp, 9999, Hello, 0, Hello.Length));
            Assert.AreEqual(1, w.SentUdp().Count);
        }

        [TestMethod]
        public void U04_Bad_checksum_is_dropped_and_counted_zero_checksum_is_accepted_RFC1122_4_1_3_4()
        {
            var w = new LanWire();
            UdpSocket s = w.Stack.OpenUdp(7000);
            byte[] f = w.UdpFrame(LanWire.PeerMac, LanWire.StackMac, LanWire.PeerIp, LanWire.StackIp, 1, 7000, Hello);
            f[14 + 20 + 8] ^= 0x01; // flip a payload bit
            w.Inject(f);
            Assert.AreEqual(1, w.Drops(DropReason.UdpChecksum));
            Assert.AreEqual(-1, s.NextLength);
            w.Inject(w.UdpFrame(LanWire.PeerMac, LanWire.StackMac, LanWire.PeerIp, LanWire.StackIp, 1, 7000, Hello, checksum: false));
            Assert.AreEqual(Hello.Length, s.NextLength);
        }

        [TestMethod]
        public void U05_Closed_port_answers_ICMP_port_unreachable_quoting_the_header_and_8_bytes_RFC792_RFC1122_4_1_3_1()
        {
            var w = new LanWire();
            w.Stack.AddStaticArpEntry(LanWire.PeerIp, LanWire.PeerMac, 0);
            byte[] f = w.UdpFrame(LanWire.PeerMac, LanWire.StackMac, LanWire.PeerIp, LanWire.StackIp, 5555, 6666, Hello);
            w.Inject(f);
            var sent = w.Sent();
            Assert.AreEqual(1, sent.Count);
            Assert.AreEqual(1, sent[0].Ip.Protocol);
            byte[] icmp = sent[0].Ip.Payload;
            Assert.AreEqual(3, icmp[0], "type destination unreachable");
            Assert.AreEqual(3, icmp[1], "code port unreachable");
            Assert.AreEqual(0, InternetChecksum.Compute(icmp, 0, icmp.Length));
            Assert.AreEqual(8 + 20 + 8, icmp.Length);
            CollectionAssert.AreEqual(Bytes.Slice(f, 14, 28), Bytes.Slice(icmp, 8, 28));
            Assert.AreEqual(1, w.Drops(DropReason.UdpNoPort));
        }

        [TestMethod]
        public void U06_Port_unreachable_is_rate_limited_to_10_per_second_RFC1812_4_3_2_8()
        {
            var w = new LanWire();
            w.Stack.AddStaticArpEntry(LanWire.PeerIp, LanWire.PeerMac, 0);
            for (int i = 0; i < 25; i++) w.FromPeer(5555, 6666, Hello);
            Assert.AreEqual(10, w.Sent().Count);
            Assert.AreEqual(15, w.Stack.UdpCounters.PortUnreachableSuppressed);
            w.Now += 1000;
            w.FromPeer(5555, 6666, Hello);
            Assert.AreEqual(1, w.Sent().Count);
        }

        [TestMethod]
        public void U07_Broadcast_reaches_only_a_socket_that_asked_for_it_and_never_draws_an_ICMP_error_RFC1122_3_3_6()
        {
            var w = new LanWire();
            UdpSocket s = w.Stack.OpenUdp(7000);
            byte[] bcast = w.UdpFrame(LanWire.PeerMac, LanWire.BroadcastMac, LanWire.PeerIp, 0xFFFFFFFF, 1, 7000, Hello);
            w.Inject(bcast);
            Assert.AreEqual(-1, s.NextLength);
            Assert.AreEqual(1, w.Drops(DropReason.IpNotForUs));
            s.AcceptBroadcast = true;
            w.Inject(bcast);
            Assert.AreEqual(Hello.Length, s.NextLength);
            // Subnet-directed broadcast too (RFC 922).
            w.Inject(w.UdpFrame(LanWire.PeerMac, LanWire.BroadcastMac, LanWire.PeerIp, 0xC00002FF, 1, 7000, Hello));
            var buf = new byte[64];
            s.ReceiveFrom(buf, 0, 64);
            Assert.AreEqual(Hello.Length, s.ReceiveFrom(buf, 0, 64));
            // A broadcast to a closed port: dropped, no ICMP (RFC 1122 4.1.3.1).
            w.Inject(w.UdpFrame(LanWire.PeerMac, LanWire.BroadcastMac, LanWire.PeerIp, 0xFFFFFFFF, 1, 7001, Hello));
            Assert.AreEqual(0, w.Sent().Count);
            // A unicast datagram inside a link-layer broadcast stays dropped (RFC 1122 3.3.6).
            w.Inject(w.UdpFrame(LanWire.PeerMac, LanWire.BroadcastMac, LanWire.PeerIp, LanWire.StackIp, 1, 7000, Hello));
            Assert.AreEqual(-1, s.NextLength);
        }

        [TestMethod]
        public void U08_Multicast_group_frames_pass_only_after_joining_RFC1112_6_4()
        {
            var w = new LanWire();
            UdpSocket s = w.Stack.OpenUdp(5353);
            byte[] groupMac = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };
            byte[] f = w.UdpFrame(LanWire.PeerMac, groupMac, LanWire.PeerIp, 0xE00000FB, 5353, 5353, Hello, ttl: 255);
            w.Inject(f);
            Assert.AreEqual(1, w.Drops(DropReason.EthernetNotForUs));
            s.MulticastGroup = 0xE00000FB;
            w.Inject(f);
            Assert.AreEqual(Hello.Length, s.NextLength);
            Assert.AreEqual(UdpError.None, s.SendTo(0xE00000FB, 5353, Hello, 0, Hello.Length));
            var sent = w.SentUdp();
            CollectionAssert.AreEqual(groupMac, sent[0].Ethernet.Destination);
        }

        [TestMethod]
        public void U09_Malformed_headers_are_dropped_and_counted_RFC768()
        {
            var w = new LanWire();
            UdpSocket s = w.Stack.OpenUdp(7000);
            byte[] f = w.UdpFrame(LanWire.PeerMac, LanWire.StackMac, LanWire.PeerIp, LanWire.StackIp, 1, 7000, Hello);
            Bytes.Put16(f, 14 + 20 + 4, 200); // length past the IP payload
            w.Inject(f);
            Bytes.Put16(f, 14 + 20 + 4, 7); // shorter than the header
            w.Inject(f);
            Assert.AreEqual(2, w.Drops(DropReason.UdpMalformed));
            Assert.AreEqual(-1, s.NextLength);
        }

        [TestMethod]
        public void U10_Full_receive_queue_drops_and_counts_close_frees_the_port()
        {
            var w = new LanWire(c => c.Lan.UdpReceiveBufferSize = 64);
            UdpSocket s = w.Stack.OpenUdp(7000);
            var big = new byte[40];
            w.FromPeer(1, 7000, big);
            w.FromPeer(1, 7000, big);
            Assert.AreEqual(1, w.Drops(DropReason.UdpQueueFull));
            Assert.IsNull(w.Stack.OpenUdp(7000), "port in use");
            s.Close();
            Assert.AreEqual(UdpError.NotOpen, s.ReceiveFrom(big, 0, 40));
            Assert.IsNotNull(w.Stack.OpenUdp(7000));
        }
    }
}
