using Microsoft.VisualStudio.TestTools.UnitTesting;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    [TestClass]
    public sealed class ArpPacketTests
    {
        [TestMethod]
        public void Parse_EveryField()
        {
            byte[] b = Golden.At(Golden.ArpRequest, 14);
            Assert.IsTrue(W.ArpPacket.IsValid(b, 14, 28));
            Assert.AreEqual(W.ArpPacket.OpRequest, W.ArpPacket.Operation(b, 14));
            Assert.IsTrue(W.MacAddress.Equal(b, 14 + W.ArpPacket.SenderMacField, Golden.PeerMac, 0));
            Assert.AreEqual(Golden.PeerIp, W.ArpPacket.SenderIp(b, 14));
            Assert.AreEqual(0L, W.MacAddress.ToLong(b, 14 + W.ArpPacket.TargetMacField));
            Assert.AreEqual(Golden.DutIp, W.ArpPacket.TargetIp(b, 14));
        }

        [TestMethod]
        public void Build_SameBytes()
        {
            var b = new byte[28];
            W.ArpPacket.Write(b, 0, W.ArpPacket.OpRequest, Golden.PeerMac, 0, Golden.PeerIp, null, 0, Golden.DutIp);
            CollectionAssert.AreEqual(Golden.ArpRequest, b);
        }

        [TestMethod]
        public void WrongTypesSizesOrOperation_AreInvalid()
        {
            Assert.IsFalse(W.ArpPacket.IsValid(Golden.ArpRequest, 0, 27), "short");
            int[] fields = { 1, 3, 4, 5, 7 };                     // hardware type, protocol type, sizes, operation
            foreach (int f in fields)
            {
                byte[] b = Golden.ArpRequest;
                b[f] ^= 0x40;
                Assert.IsFalse(W.ArpPacket.IsValid(b, 0, 28), "byte " + f);
            }
        }
    }
}
