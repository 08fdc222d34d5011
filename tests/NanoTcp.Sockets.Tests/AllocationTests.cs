using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Sockets.Tests.Harness;

namespace NanoTcp.Sockets.Tests
{
    /// <summary>Once the objects exist, no Sockets call allocates on the calling thread (caller buffers).</summary>
    [TestClass]
    public sealed class AllocationTests
    {
        private const int Rounds = 200;

        [TestMethod]
        public void RequestResponseRoundsAllocateNothingOnEitherSide()
        {
            using var pair = new PumpPair();
            var listener = new TcpListener(pair.Server, 7300);
            listener.Start(2);
            var accepted = new TcpClient(pair.Server) { ReceiveTimeout = 10000, SendTimeout = 10000 };
            var client = new TcpClient(pair.Client) { ReceiveTimeout = 10000, SendTimeout = 10000 };
            long serverBytes = -1;
            var server = new Background(() =>
            {
                // Warm-up connection, then the measured one, reusing the same client object.
                for (int connection = 0; connection < 2; connection++)
                {
                    if (!listener.AcceptTcpClient(accepted, 10000)) throw new TimeoutException("accept");
                    NetworkStream s = accepted.GetStream();
                    var buffer = new byte[64];
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    int n;
                    while ((n = s.Read(buffer, 0, buffer.Length)) > 0) s.Write(buffer, 0, n);
                    s.Flush();
                    long used = GC.GetAllocatedBytesForCurrentThread() - before;
                    accepted.Close();
                    if (connection == 1) serverBytes = used;
                }
            });
            var request = new byte[32];
            var response = new byte[32];
            long clientBytes = -1;
            for (int connection = 0; connection < 2; connection++)
            {
                client.Connect(PumpPair.ServerAddress, 7300);
                NetworkStream s = client.GetStream();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Rounds; i++)
                {
                    request[0] = (byte)i;
                    s.Write(request, 0, request.Length);
                    int n = 0;
                    while (n < response.Length) n += s.Read(response, n, response.Length - n);
                    if (response[0] != (byte)i) throw new InvalidOperationException("echo mismatch");
                }
                client.Shutdown();
                _ = s.Read(response, 0, response.Length); // end of stream
                long used = GC.GetAllocatedBytesForCurrentThread() - before;
                client.Close();
                if (connection == 1) clientBytes = used;
            }
            server.Join();
            Assert.AreEqual(0, clientBytes, "client thread: bytes allocated over " + Rounds + " write/read rounds");
            Assert.AreEqual(0, serverBytes, "server thread: bytes allocated over " + Rounds + " read/write rounds");
        }

        [TestMethod]
        public void AcceptAndConnectIntoExistingClientsAllocateNothing()
        {
            using var pair = new PumpPair();
            var listener = new TcpListener(pair.Server, 7301);
            listener.Start(2);
            var accepted = new TcpClient(pair.Server);
            var client = new TcpClient(pair.Client) { SendTimeout = 10000 };
            long serverBytes = -1;
            var server = new Background(() =>
            {
                for (int i = 0; i < 6; i++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    if (!listener.AcceptTcpClient(accepted, 10000)) throw new TimeoutException("accept");
                    accepted.Close();
                    if (i == 5) serverBytes = GC.GetAllocatedBytesForCurrentThread() - before;
                }
            });
            long clientBytes = -1;
            for (int i = 0; i < 6; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                client.Connect(PumpPair.ServerAddress, 7301);
                client.Close();
                if (i == 5) clientBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            server.Join();
            Assert.AreEqual(0, clientBytes, "connect + close");
            Assert.AreEqual(0, serverBytes, "accept + close");
        }
    }
}
