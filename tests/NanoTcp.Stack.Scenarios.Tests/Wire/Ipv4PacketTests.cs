using Microsoft.VisualStudio.TestTools.UnitTesting;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    [TestClass]
    public sealed class Ipv4PacketTests
    {
        [TestMethod]
        public void Parse_EveryField()
        {
            byte[] b = Golden.At(Golden.Ipv4Header, 14);
            // 44 bytes claimed: the 24-byte TCP payload follows (zeros here), plus padding after it.
            Assert.AreEqual(24, W.Ipv4Packet.WellFormedPayloadLength(b, 14, 44));
            Assert.IsTrue(W.Ipv4Packet.HasValidChecksum(b, 14, 20));
            Assert.AreEqual(20, W.Ipv4Packet.HeaderLength(b, 14));
            Assert.AreEqual(44, W.Ipv4Packet.TotalLength(b, 14));
            Assert.AreEqual(0x1234, W.Ipv4Packet.Identification(b, 14));
            Assert.IsFalse(W.Ipv4Packet.IsFragment(b, 14));
            Assert.AreEqual(64, W.Ipv4Packet.TimeToLive(b, 14));
            Assert.AreEqual(W.Ipv4Packet.ProtocolTcp, W.Ipv4Packet.Protocol(b, 14));
            Assert.AreEqual(Golden.PeerIp, W.Ipv4Packet.Source(b, 14));
            Assert.AreEqual(Golden.DutIp, W.Ipv4Packet.Destination(b, 14));
            Assert.AreEqual(24, W.Ipv4Packet.PayloadLength(b, 14));
        }

        [TestMethod]
        public void Build_SameBytes()
        {
            var b = new byte[W.Ipv4Packet.InFrame + 20]; // written where it sits in a frame
            W.Ipv4Packet.WriteHeader(b, 24, 0x1234, 64, W.Ipv4Packet.ProtocolTcp, Golden.PeerIp, Golden.DutIp);
            CollectionAssert.AreEqual(Golden.Ipv4Header, Golden.Slice(b, W.Ipv4Packet.InFrame, 20));
        }

        [TestMethod]
        public void Malformed_Fragment_BadChecksum()
        {
            byte[] b = Golden.At(Golden.Ipv4Header, 0);
            Assert.AreEqual(-1, W.Ipv4Packet.WellFormedPayloadLength(b, 0, 43), "total length beyond the bytes available");
            Assert.AreEqual(-1, W.Ipv4Packet.WellFormedPayloadLength(b, 0, 19), "shorter than a header");
            b[0] = 0x44;
            Assert.AreEqual(-1, W.Ipv4Packet.WellFormedPayloadLength(b, 0, 44), "IHL 4");
            b[0] = 0x65;
            Assert.AreEqual(-1, W.Ipv4Packet.WellFormedPayloadLength(b, 0, 44), "version 6");
            b = Golden.Ipv4Header;
            b[6] = 0x20;                                         // more fragments
            Assert.IsTrue(W.Ipv4Packet.IsFragment(b, 0));
            Assert.IsFalse(W.Ipv4Packet.HasValidChecksum(b, 0, 20));
            b = Golden.Ipv4Header;
            b[7] = 0x01;                                         // fragment offset 8
            Assert.IsTrue(W.Ipv4Packet.IsFragment(b, 0));
        }
    }
}
