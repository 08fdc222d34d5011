using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Sockets.Tests.Harness;

namespace NanoTcp.Sockets.Tests
{
    [TestClass]
    public sealed class AddressTests
    {
        [TestMethod]
        public void ParsesPrintsAndHoldsTheStackValue()
        {
            IPAddress a = IPAddress.Parse("192.0.2.2");
            Assert.AreEqual(0xC0000202u, a.ToUInt32());
            Assert.AreEqual("192.0.2.2", a.ToString());
            Assert.AreEqual(a, new IPAddress(new byte[] { 192, 0, 2, 2 }));
            CollectionAssert.AreEqual(new byte[] { 192, 0, 2, 2 }, a.GetAddressBytes());
            Assert.AreNotEqual(a, IPAddress.Parse("192.0.2.3"));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("192.0.2")]
        [DataRow("192.0.2.256")]
        [DataRow("192.0.2.1.5")]
        [DataRow("example.com")]
        [DataRow(null)]
        public void RejectsAnythingElse(string text)
        {
            Assert.IsFalse(IPAddress.TryParse(text, out IPAddress address));
            Assert.IsNull(address);
            Assert.ThrowsExactly<System.FormatException>(() => IPAddress.Parse(text));
        }

        [TestMethod]
        public void AHostNameNeedsAResolverAndUsesIt()
        {
            using var pair = new PumpPair();
            new TcpListener(pair.Server, 7500).Start();
            var client = new TcpClient(pair.Client) { SendTimeout = 10000 };
            var e = Assert.ThrowsExactly<SocketException>(() => client.Connect("board.example", 7500));
            Assert.AreEqual(TcpError.Unreachable, e.Error, "without NetworkPump.Resolver a name does not connect");
            pair.Client.Resolver = new FixedResolver();
            client.Connect("board.example", 7500);
            Assert.IsTrue(client.Connected);
        }

        private sealed class FixedResolver : IHostNameResolver
        {
            public int Resolve(string hostName, int timeoutMs, out IPAddress address)
            {
                address = hostName == "board.example" ? PumpPair.ServerAddress : null;
                return address == null ? TcpError.Unreachable : TcpError.None;
            }
        }
    }
}
