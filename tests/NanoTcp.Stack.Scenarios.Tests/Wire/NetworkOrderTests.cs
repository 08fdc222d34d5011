using Microsoft.VisualStudio.TestTools.UnitTesting;
using W = NanoTcp.Wire;

namespace NanoTcp.Scenarios.Wire
{
    [TestClass]
    public sealed class NetworkOrderTests
    {
        [TestMethod]
        public void BigEndian_ReadWrite()
        {
            var b = new byte[7];
            W.NetworkOrder.Write16(b, 1, 0xABCD);
            W.NetworkOrder.Write32(b, 3, 0x01020304);
            CollectionAssert.AreEqual(new byte[] { 0, 0xAB, 0xCD, 1, 2, 3, 4 }, b);
            Assert.AreEqual(0xABCD, W.NetworkOrder.Read16(b, 1));
            Assert.AreEqual(0x01020304u, W.NetworkOrder.Read32(b, 3));
        }

        [TestMethod]
        public void MacAddress_CopyCompareBroadcast()
        {
            var b = new byte[8];
            W.MacAddress.Copy(Golden.PeerMac, 0, b, 1);
            Assert.IsTrue(W.MacAddress.Equal(b, 1, Golden.PeerMac, 0));
            Assert.AreEqual(0x020000000001L, W.MacAddress.ToLong(b, 1));
            Assert.IsFalse(W.MacAddress.IsBroadcast(b, 1));
            W.MacAddress.SetBroadcast(b, 2);
            Assert.IsTrue(W.MacAddress.IsBroadcast(b, 2));
            Assert.AreEqual(0x02, b[1]);
        }
    }
}
