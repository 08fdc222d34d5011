#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp;

namespace NanoTcp.Portable.Tests
{
    /// <summary>
    /// Two stacks joined by a crossover cable in virtual time: the whole path (ARP, handshake, data, close,
    /// TIME-WAIT) on whatever runtime runs the test — the host here, the ESP32 in NFUnitTest.
    /// </summary>
    [TestClass]
    public class LoopbackTests
    {
        private const int EchoPort = 7;

        [TestMethod]
        public void KeepaliveDefaultsAreTheSourcesValues()
        {
            var config = new StackConfig();
            Assert.AreEqual(7200000, config.KeepAliveIdleMs);
            Assert.AreEqual(75000, config.KeepAliveIntervalMs);
            Assert.AreEqual(10, config.KeepAliveProbes);
        }

        [TestMethod]
        public void ClientAndServerExchangeDataAndClose()
        {
            var cable = new CrossoverCable(16, 1514);
            NetworkStack server = TestHosts.NewStack(cable.EndA, 2, 2, 1024);
            NetworkStack client = TestHosts.NewStack(cable.EndB, 3, 2, 1024);
            long now = 0;

            int listener = server.Listen(EchoPort, 1);
            Assert.IsTrue(listener >= 0, "listen");
            int connection = client.Connect(Ip4.Address(192, 0, 2, 2), EchoPort);
            Assert.IsTrue(connection >= 0, "connect");

            int accepted = TcpError.WouldBlock;
            for (int i = 0; i < 50 && (accepted < 0 || client.GetState(connection) != TcpState.Established); i++)
            {
                now = Step(server, client, now);
                if (accepted < 0) accepted = server.Accept(listener);
            }
            Assert.IsTrue(accepted >= 0, "accept");
            Assert.AreEqual((int)TcpState.Established, (int)client.GetState(connection));

            byte[] message = new byte[] { (byte)'n', (byte)'a', (byte)'n', (byte)'o' };
            Assert.AreEqual(4, client.Send(connection, message, 0, 4));
            byte[] received = new byte[16];
            int got = TcpError.WouldBlock;
            for (int i = 0; i < 50 && got == TcpError.WouldBlock; i++)
            {
                now = Step(server, client, now);
                got = server.Receive(accepted, received, 0, received.Length);
            }
            Assert.AreEqual(4, got);
            Assert.AreEqual((byte)'o', received[3]);

            client.Close(connection);
            int endOfStream = TcpError.WouldBlock;
            for (int i = 0; i < 50 && endOfStream != 0; i++)
            {
                now = Step(server, client, now);
                endOfStream = server.Receive(accepted, received, 0, received.Length);
            }
            Assert.AreEqual(0, endOfStream, "the client's FIN reads as end of stream");
            server.Close(accepted);
            for (int i = 0; i < 50; i++) now = Step(server, client, now);

            Assert.AreEqual((int)TcpState.TimeWait, (int)client.GetState(connection));
            now += 2 * 60000;
            Step(server, client, now);
            Assert.AreEqual((int)TcpState.Closed, (int)client.GetState(connection));
        }

        private static long Step(NetworkStack a, NetworkStack b, long now)
        {
            a.Poll(now);
            b.Poll(now);
            return now + 10;
        }
    }
}
