using Microsoft.VisualStudio.TestTools.UnitTesting;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    [TestClass]
    public sealed class EthernetFrameTests
    {
        [TestMethod]
        public void Parse_EveryField()
        {
            byte[] b = Golden.At(Golden.EthernetArpBroadcast, 3);
            Assert.IsTrue(W.EthernetFrame.IsValid(b, 3, 14));
            Assert.AreEqual(W.EthernetFrame.TypeArp, W.EthernetFrame.EtherType(b, 3));
            Assert.IsTrue(W.MacAddress.IsBroadcast(b, 3 + W.EthernetFrame.DestinationField));
            Assert.IsTrue(W.MacAddress.Equal(b, 3 + W.EthernetFrame.SourceField, Golden.PeerMac, 0));
        }

        [TestMethod]
        public void Build_SameBytes()
        {
            var b = new byte[14];
            W.EthernetFrame.WriteHeader(b, 0, new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 0, Golden.PeerMac, 0, W.EthernetFrame.TypeArp);
            CollectionAssert.AreEqual(Golden.EthernetArpBroadcast, b);
        }

        [TestMethod]
        public void Truncated_Or_OutOfBuffer_IsInvalid()
        {
            byte[] b = Golden.EthernetArpBroadcast;
            Assert.IsFalse(W.EthernetFrame.IsValid(b, 0, 13));
            Assert.IsFalse(W.EthernetFrame.IsValid(b, 1, 14));
            Assert.IsFalse(W.EthernetFrame.IsValid(null, 0, 14));
        }
    }
}
