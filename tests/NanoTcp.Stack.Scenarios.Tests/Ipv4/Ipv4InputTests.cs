using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Ipv4
{
    /// <summary>IPv4 input (RFC 791, RFC 1122 §3.2.1): what is not for us or cannot be used is dropped and counted.</summary>
    [TestClass]
    public sealed class Ipv4InputTests : ScenarioTest
    {
        [TestMethod]
        [DataRow("bad header checksum", DropReason.IpChecksum)]
        [DataRow("fragment", DropReason.IpFragment)]
        [DataRow("foreign destination address", DropReason.IpNotForUs)]
        [DataRow("foreign destination MAC", DropReason.EthernetNotForUs)]
        [DataRow("unicast IP in an Ethernet broadcast", DropReason.IpNotForUs)]
        public void Ipv4_EchoRequestNotForUsOrUnusable_DroppedAndCounted(string fault, DropReason reason)
        {
            NewPeer();
            Peer.Arp.Clear();
            var ip = new Ipv4Packet { Source = ScriptedPeer.PeerIp, Destination = ScriptedPeer.DutIp, Protocol = Ipv4Packet.ProtocolIcmp };
            ip.Payload = new IcmpMessage { Type = IcmpMessage.TypeEchoRequest, RestOfHeader = 0x00010001, Data = new byte[8] }.Encode();
            byte[] destinationMac = ScriptedPeer.DutMac;
            if (fault == "fragment") ip.FlagsAndFragment = 0x2000; // MF: nanoTcp does not reassemble (documented)
            if (fault == "foreign destination address") ip.Destination = Ip4.Address(192, 0, 2, 77);
            if (fault == "foreign destination MAC") destinationMac = new byte[] { 2, 9, 9, 9, 9, 9 };
            // RFC 1122 3.3.6: a unicast datagram in a link-layer broadcast is discarded.
            if (fault == "unicast IP in an Ethernet broadcast") destinationMac = EthernetFrame.Broadcast;
            byte[] frame = Peer.EthernetFrameTo(destinationMac, EthernetFrame.TypeIpv4, ip.Encode());
            if (fault == "bad header checksum") frame[EthernetFrame.HeaderLength + 10] ^= 1;
            Peer.InjectFrame(frame);
            Assert.IsEmpty(Peer.Icmp, fault);
            Assert.IsEmpty(Peer.Arp, fault);
            Peer.ExpectNothing();
            Assert.AreEqual(1L, Dut.Counters.Drops(reason), fault);
            Assert.AreEqual(0L, Dut.Counters.IcmpEchoRepliesSent);
        }
    }
}
