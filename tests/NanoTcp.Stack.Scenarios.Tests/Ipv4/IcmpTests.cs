using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Ipv4
{
    /// <summary>ICMP (RFC 792, RFC 1122 §3.2.2): echo server and client, destination unreachable and TCP.</summary>
    [TestClass]
    public sealed class IcmpTests : ScenarioTest
    {
        [TestMethod]
        [DataRow(0)]
        [DataRow(56)]
        [DataRow(100)]
        [DataRow(1472)]
        public void Icmp_EchoRequest_AnsweredWithSameIdSeqPayload(int size)
        {
            NewPeer();
            var echo = new IcmpMessage { Type = IcmpMessage.TypeEchoRequest, RestOfHeader = 0x12340007, Data = Data(size) };
            Peer.InjectFrame(Peer.IcmpFrame(echo));
            // RFC 792 / RFC 1122 3.2.2.6: type 0, same identifier, sequence and data (checksum verified on parse;
            // addresses, TTL and MAC checked by the peer for every frame).
            Assert.HasCount(1, Peer.Icmp);
            IcmpMessage reply = Peer.Icmp.Dequeue();
            Assert.AreEqual(IcmpMessage.TypeEchoReply, reply.Type);
            Assert.AreEqual((byte)0, reply.Code);
            Assert.AreEqual((ushort)0x1234, reply.Identifier);
            Assert.AreEqual((ushort)7, reply.Sequence);
            CollectionAssert.AreEqual(Data(size), reply.Data);
            Assert.AreEqual(1L, Dut.Counters.IcmpEchoRepliesSent);
        }

        [TestMethod]
        public void Icmp_EchoRequestWithBadChecksum_DroppedAndCounted()
        {
            NewPeer();
            var echo = new IcmpMessage { Type = IcmpMessage.TypeEchoRequest, RestOfHeader = 0x00010001, Data = Data(3) };
            byte[] bad = Peer.IcmpFrame(echo);
            bad[EthernetFrame.HeaderLength + 20 + 2] ^= 0xFF;
            Peer.InjectFrame(bad);
            Assert.IsEmpty(Peer.Icmp);
            Assert.AreEqual(1L, Dut.Counters.Drops(DropReason.IcmpChecksum));
        }

        [TestMethod]
        public void Icmp_DestinationUnreachable_DoesNotKillEstablishedConnection()
        {
            int conn = OpenPassive();
            // RFC 1122 4.2.3.9: net/host unreachable (codes 0, 1) are soft errors, MUST NOT abort; RFC 5927 §4.1
            // recommends treating port/protocol unreachable in synchronized states the same (blind ICMP attacks).
            foreach (byte code in new byte[] { 0, 1, 3 })
            {
                Peer.InjectFrame(Peer.IcmpFrame(Unreachable(code, Iss + 1)));
                Assert.AreEqual(TcpState.Established, Dut.GetState(conn), "code " + code);
            }
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("ok"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 3);
        }

        [TestMethod]
        public void Icmp_PortUnreachableQuotingOurSyn_FailsConnectRefused()
        {
            NewPeer();
            int conn = Connect();
            // RFC 1122 4.2.3.9: in SYN-SENT a hard error (port unreachable) may abort the attempt.
            Peer.InjectFrame(Peer.IcmpFrame(Unreachable(3, Iss)));
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionRefused, Dut.GetLastError(conn));
            Assert.AreEqual(1L, Dut.Counters.IcmpUnreachableReceived);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void Icmp_PortUnreachableQuotingAnotherSequence_Ignored()
        {
            NewPeer();
            int conn = Connect();
            // RFC 5927 §4.1: the quoted sequence number must be one we sent, or a blind attacker could abort us.
            Peer.InjectFrame(Peer.IcmpFrame(Unreachable(3, Iss + 12345)));
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Assert.AreEqual(1L, Dut.Counters.IcmpUnreachableReceived);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void Icmp_EchoClient_ReportsReply()
        {
            NewPeer();
            var listener = new EchoRecorder();
            Dut.EchoListener = listener;
            Assert.IsTrue(Dut.SendEchoRequest(ScriptedPeer.PeerIp, 0x42, 3, 32));
            Peer.Pump();
            Assert.HasCount(1, Peer.Icmp);
            IcmpMessage request = Peer.Icmp.Dequeue();
            Assert.AreEqual(IcmpMessage.TypeEchoRequest, request.Type);
            Assert.AreEqual((ushort)0x42, request.Identifier);
            Assert.AreEqual((ushort)3, request.Sequence);
            Assert.HasCount(32, request.Data);
            Peer.AdvanceTo(5);
            Peer.InjectFrame(Peer.IcmpFrame(new IcmpMessage { Type = IcmpMessage.TypeEchoReply, RestOfHeader = request.RestOfHeader, Data = request.Data }));
            Assert.AreEqual("192.0.2.1 66 3 32 5", listener.Last);
        }

        /// <summary>
        /// Destination unreachable quoting (RFC 792) the DUT's IP header and the first 8 bytes of its TCP header,
        /// DUT port to peer port with SEQ <paramref name="seq"/>.
        /// </summary>
        private IcmpMessage Unreachable(byte code, uint seq)
        {
            var tcp = new byte[8];
            Bytes.Put16(tcp, 0, Peer.DutPort);
            Bytes.Put16(tcp, 2, Peer.PeerPort);
            Bytes.Put32(tcp, 4, seq);
            var ip = new Ipv4Packet { Source = ScriptedPeer.DutIp, Destination = ScriptedPeer.PeerIp, Protocol = Ipv4Packet.ProtocolTcp, Payload = new byte[20] };
            byte[] quote = ip.Encode()[..20].Concat(tcp).ToArray(); // total length field says 40, as in the original
            return new IcmpMessage { Type = IcmpMessage.TypeDestinationUnreachable, Code = code, Data = quote };
        }

        private sealed class EchoRecorder : IEchoReplyListener
        {
            public string Last;
            public void OnEchoReply(uint fromIp, int identifier, int sequence, int length, long nowMs)
                => Last = $"{Ip4.ToString(fromIp)} {identifier} {sequence} {length} {nowMs}";
        }
    }
}
