using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// Below TCP: ARP and ICMP bytes in, bytes out, decoded and checksum-verified by the test-side codec
    /// (the TCP rows above already run every segment through it).
    /// </summary>
    [TestClass]
    public sealed class FrameLevel : ScenarioTest
    {
        [TestMethod]
        public void Arp_BroadcastRequestForDut_Answered()
        {
            NewPeer();
            Peer.Arp.Clear(); // the gratuitous ARP of the first Poll (RFC 5227 §3)
            Peer.InjectFrame(ArpRequestFrame(ScriptedPeer.DutIp));
            // RFC 826: swap sender and target, fill in our hardware address, opcode reply.
            Assert.HasCount(1, Peer.Arp);
            ArpPacket reply = Peer.Arp.Dequeue();
            Assert.AreEqual(ArpPacket.OpReply, reply.Operation);
            CollectionAssert.AreEqual(ScriptedPeer.DutMac, reply.SenderMac);
            Assert.AreEqual(ScriptedPeer.DutIp, reply.SenderIp);
            CollectionAssert.AreEqual(ScriptedPeer.PeerMac, reply.TargetMac);
            Assert.AreEqual(ScriptedPeer.PeerIp, reply.TargetIp);
            // A request for another address is not answered.
            Peer.InjectFrame(ArpRequestFrame(ScriptedPeer.DutIp + 5));
            Assert.IsEmpty(Peer.Arp);
        }

        [TestMethod]
        public void Icmp_DestinationUnreachable_DoesNotKillEstablishedConnection()
        {
            int conn = OpenPassive();
            // RFC 1122 4.2.3.9: net/host unreachable (codes 0, 1) are soft errors, MUST NOT abort; RFC 5927 §4.1
            // recommends treating port/protocol unreachable in synchronized states the same (blind ICMP attacks).
            foreach (byte code in new byte[] { 0, 1, 3 })
            {
                Peer.InjectFrame(Peer.IcmpFrame(new IcmpMessage
                {
                    Type = IcmpMessage.TypeDestinationUnreachable, Code = code, Data = QuotedSegment(Iss + 1),
                }));
                Assert.AreEqual(TcpState.Established, Dut.GetState(conn), "code " + code);
            }
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("ok"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 3);
        }

        /// <summary>What an ICMP error quotes (RFC 792): the DUT's IP header and the first 8 bytes of its TCP header.</summary>
        private byte[] QuotedSegment(uint seq)
        {
            var tcp = new byte[8];
            Bytes.Put16(tcp, 0, Peer.DutPort);
            Bytes.Put16(tcp, 2, Peer.PeerPort);
            Bytes.Put32(tcp, 4, seq);
            var ip = new Ipv4Packet { Source = ScriptedPeer.DutIp, Destination = ScriptedPeer.PeerIp, Protocol = Ipv4Packet.ProtocolTcp, Payload = new byte[20] };
            return ip.Encode()[..20].Concat(tcp).ToArray(); // total length field says 40, as in the original
        }

        private static byte[] ArpRequestFrame(uint target)
        {
            var request = new ArpPacket
            {
                Operation = ArpPacket.OpRequest, SenderMac = ScriptedPeer.PeerMac, SenderIp = ScriptedPeer.PeerIp,
                TargetMac = new byte[6], TargetIp = target,
            };
            var broadcast = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
            return new EthernetFrame { Destination = broadcast, Source = ScriptedPeer.PeerMac, EtherType = EthernetFrame.TypeArp, Payload = request.Encode() }.Encode();
        }

        [TestMethod]
        public void Icmp_EchoRequest_AnsweredWithSameIdSeqPayload_BadChecksumDropped()
        {
            NewPeer();
            var echo = new IcmpMessage { Type = IcmpMessage.TypeEchoRequest, RestOfHeader = 0x12340007, Data = Data(100) };
            Peer.InjectFrame(Peer.IcmpFrame(echo));
            // RFC 792 / RFC 1122 3.2.2.6: type 0, same identifier, sequence and data (checksum verified on parse).
            Assert.HasCount(1, Peer.Icmp);
            IcmpMessage reply = Peer.Icmp.Dequeue();
            Assert.AreEqual(IcmpMessage.TypeEchoReply, reply.Type);
            Assert.AreEqual((byte)0, reply.Code);
            Assert.AreEqual((ushort)0x1234, reply.Identifier);
            Assert.AreEqual((ushort)7, reply.Sequence);
            CollectionAssert.AreEqual(Data(100), reply.Data);

            byte[] bad = Peer.IcmpFrame(echo);
            bad[EthernetFrame.HeaderLength + 20 + 2] ^= 0xFF;
            Peer.InjectFrame(bad);
            Assert.IsEmpty(Peer.Icmp);
            Assert.AreEqual(1, Dut.Counters.Drops(DropReason.IcmpChecksum));
        }
    }
}
