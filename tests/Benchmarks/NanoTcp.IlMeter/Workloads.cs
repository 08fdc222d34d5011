using System.Collections.Generic;
using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using NanoTcp.Enc28j60;
using NanoTcp.Enc28j60.Emulation;
using NanoTcp.Portable.Tests;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// The operations of issue 11's table, run through the public API on two stacks joined by a
    /// <see cref="CrossoverCable"/> (and the ENC28J60 driver over its emulator), each metered on its own. Runs
    /// inside the load context that holds the rewritten assemblies, so only their IL is counted.
    /// </summary>
    public static class Workloads
    {
        private const int Mss = 1460;
        private static readonly uint IpA = Ip4.Address(192, 0, 2, 1);
        private static readonly uint IpB = Ip4.Address(192, 0, 2, 2);
        private static long _now = 1000;

        /// <summary>Runs every operation and prints its figures; <paramref name="methodNamesFile"/> names the method ids.</summary>
        public static void Run(string methodNamesFile, double ilPerSecondLow, double ilPerSecondHigh)
        {
            Meter.MethodNames.AddRange(File.ReadAllLines(methodNamesFile));
            Low = ilPerSecondLow;
            High = ilPerSecondHigh;
            SegmentReceived();
            Checksum();
            EchoAndArp();
            IdlePoll();
            ConnectAcceptClose();
            SendSegment();
            DriverFrames();
        }

        private static double Low;
        private static double High;

        private static void SegmentReceived()
        {
            Pair p = Pair.Connected(2, 8192, delayedAck: true);
            var data = new byte[8192];
            new Random(1).NextBytes(data);
            // Warm up, then meter only the receiver: its Poll (segments in, ACKs out) and the application's Receive.
            long segments = 0;
            Reading total = null;
            for (int round = 0; round < 400; round++)
            {
                p.A.Send(p.ConnA, data, 0, p.A.SendSpace(p.ConnA));
                p.A.Poll(Tick());
                long before = p.B.Counters.TcpSegmentsReceived;
                Meter.Reset();
                p.B.Poll(_now);
                while (p.B.Receive(p.ConnB, data, 0, data.Length) > 0) { }
                p.B.Poll(_now);
                Reading r = Meter.Read();
                if (round < 50) continue;
                segments += p.B.Counters.TcpSegmentsReceived - before;
                total = Add(total, r);
            }
            Print("segment_rx_per_segment", total, segments);
            Console.WriteLine("il.segment_rx_per_segment.checksum_il=" + Meter.IlIn(total, "InternetChecksum") / segments);
        }

        private static void Checksum()
        {
            Type type = typeof(NetworkStack).Assembly.GetType("NanoTcp.Wire.InternetChecksum");
            MethodInfo add = type.GetMethod("Add", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
            var data = new byte[1460];
            new Random(2).NextBytes(data);
            var args = new object[] { 0u, data, 0, data.Length };
            add.Invoke(null, args);
            Meter.Reset();
            add.Invoke(null, args);
            Print("checksum_1460", Meter.Read(), 1);
        }

        private static void EchoAndArp()
        {
            // Unresolved neighbour: ARP request, reply and learning ride in front of the first echo.
            Pair p = Pair.Create(2, 2048);
            Meter.Reset();
            Echo(p, 1);
            Reading withArp = Meter.Read();
            Echo(p, 2);
            Meter.Reset();
            Echo(p, 3);
            Reading echo = Meter.Read();
            Print("icmp_echo_request_reply", echo, 1);
            Print("arp_request_reply_learn", Subtract(withArp, echo), 1);
        }

        private static void Echo(Pair p, int sequence)
        {
            long replies = p.A.Counters.IcmpEchoRepliesReceived;
            if (!p.A.SendEchoRequest(IpB, 1, sequence, 56)) throw new InvalidOperationException("echo refused");
            for (int i = 0; i < 10 && p.A.Counters.IcmpEchoRepliesReceived == replies; i++)
            {
                p.A.Poll(Tick());
                p.B.Poll(_now);
            }
            if (p.A.Counters.IcmpEchoRepliesReceived == replies) throw new InvalidOperationException("no echo reply");
        }

        private static void IdlePoll()
        {
            Pair p = Pair.Create(8, 2048);
            int listener = p.B.Listen(7, 2);
            for (int c = 0; c < 2; c++)
            {
                p.A.Connect(IpB, 7);
                p.Run(20);
                if (p.B.Accept(listener) < 0) throw new InvalidOperationException("not accepted");
            }
            p.Run(300);
            p.A.Poll(Tick());
            Meter.Reset();
            p.A.Poll(Tick());
            Print("idle_poll_2_of_8", Meter.Read(), 1);
        }

        private static void ConnectAcceptClose()
        {
            Pair p = Pair.Create(2, 2048);
            int listener = p.B.Listen(80, 1);
            Reading last = null;
            for (int round = 0; round < 2; round++)
            {
                Meter.Reset();
                int a = p.A.Connect(IpB, 80);
                int b = -1;
                for (int i = 0; i < 20 && b < 0; i++) { p.A.Poll(Tick()); p.B.Poll(_now); b = p.B.Accept(listener); }
                p.A.Close(a);
                for (int i = 0; i < 20 && p.B.GetState(b) != TcpState.CloseWait; i++) { p.A.Poll(Tick()); p.B.Poll(_now); }
                p.B.Close(b);
                for (int i = 0; i < 20 && p.B.GetState(b) != TcpState.Closed; i++) { p.A.Poll(Tick()); p.B.Poll(_now); }
                if (p.A.GetState(a) != TcpState.TimeWait || p.B.GetState(b) != TcpState.Closed) throw new InvalidOperationException("close did not finish");
                last = Meter.Read();
                p.A.Abort(a);
            }
            Print("connect_accept_close", last, 1);
        }

        private static void SendSegment()
        {
            Pair p = Pair.Connected(2, 8192, delayedAck: false);
            var data = new byte[Mss];
            Reading total = null;
            long segments = 0;
            for (int round = 0; round < 60; round++)
            {
                long before = p.A.Counters.TcpSegmentsSent;
                Meter.Reset();
                p.A.Send(p.ConnA, data, 0, data.Length);
                p.A.Poll(Tick());
                Reading r = Meter.Read();
                long sent = p.A.Counters.TcpSegmentsSent - before;
                p.B.Poll(_now);
                p.B.Receive(p.ConnB, new byte[Mss], 0, Mss);
                p.Run(2);
                if (round < 10) continue;
                total = Add(total, r);
                segments += sent;
            }
            Print("segment_tx_per_segment", total, segments);
        }

        private static void DriverFrames()
        {
            byte[] mac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
            var chip = new Enc28j60Chip(new Enc28j60ChipOptions { Strict = true });
            chip.LinkUp = true;
            var driver = new Enc28j60Driver(chip, new DeviceDefaults.ChipClock(chip), new Enc28j60Options { MacAddress = mac });
            if (driver.Initialize() != Enc28j60InitResult.Success) throw new InvalidOperationException("driver init failed");
            var frame = new byte[1514];
            Array.Copy(mac, frame, 6);
            frame[12] = 0x08;
            var buffer = new byte[1600];
            Reading rx = null;
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < 4; i++) chip.ReceiveFromWire(frame, 0, frame.Length);
                Meter.Reset();
                int n = 0;
                while (driver.Receive(buffer, 0, buffer.Length) > 0) n++;
                if (n != 4) throw new InvalidOperationException("frames lost");
                if (round >= 5) rx = Add(rx, Meter.Read());
            }
            Print("enc28j60_rx_per_1514_frame_batch_of_4", rx, 15 * 4);
            Reading tx = null;
            for (int round = 0; round < 20; round++)
            {
                Meter.Reset();
                if (!driver.Transmit(frame, 0, frame.Length)) throw new InvalidOperationException("transmit refused");
                if (round >= 5) tx = Add(tx, Meter.Read());
            }
            Print("enc28j60_tx_per_1514_frame", tx, 15);
        }

        private static long Tick() => ++_now;

        private static Reading Add(Reading a, Reading b)
        {
            if (a == null) return b;
            var methods = new long[Math.Max(a.MethodIl.Length, b.MethodIl.Length)];
            for (int i = 0; i < methods.Length; i++)
            {
                methods[i] = (i < a.MethodIl.Length ? a.MethodIl[i] : 0) + (i < b.MethodIl.Length ? b.MethodIl[i] : 0);
            }
            return new Reading(a.Il + b.Il, a.Native + b.Native, a.Alloc + b.Alloc, a.External + b.External, methods);
        }

        private static Reading Subtract(Reading a, Reading b) =>
            new Reading(a.Il - b.Il, a.Native - b.Native, a.Alloc - b.Alloc, a.External - b.External, new long[0]);

        private static void Print(string name, Reading r, long per)
        {
            double il = (double)r.Il / per;
            Console.WriteLine("il." + name + "=il=" + Round(il) + ", native=" + Round((double)r.Native / per) + ", alloc="
                + Round((double)r.Alloc / per) + ", external=" + Round((double)r.External / per));
            Console.WriteLine("il." + name + ".esp32_us=" + Round(il / High * 1e6) + "-" + Round(il / Low * 1e6));
            if (Environment.GetEnvironmentVariable("NANOTCP_ILMETER_PROFILE") != "1") return;
            // Where the IL goes (the methods' own IL, callees excluded), costliest first.
            var order = new List<int>();
            for (int i = 0; i < r.MethodIl.Length && i < Meter.MethodNames.Count; i++) if (r.MethodIl[i] > 0) order.Add(i);
            order.Sort((x, y) => r.MethodIl[y].CompareTo(r.MethodIl[x]));
            for (int k = 0; k < order.Count && k < 80; k++)
            {
                Console.WriteLine("profile." + name + "." + Meter.MethodNames[order[k]] + "=" + Round((double)r.MethodIl[order[k]] / per));
            }
        }

        private static string Round(double value) =>
            Math.Round(value, value < 10 ? 2 : 0).ToString(CultureInfo.InvariantCulture);

        /// <summary>Two stacks on one cable, A at .1 and B at .2.</summary>
        private sealed class Pair
        {
            public NetworkStack A;
            public NetworkStack B;
            public int ConnA;
            public int ConnB;

            public static Pair Create(int slots, int buffer, bool delayedAck = true)
            {
                var cable = new CrossoverCable(64, 1514);
                return new Pair
                {
                    A = NewStack(cable.EndA, 1, slots, buffer, delayedAck),
                    B = NewStack(cable.EndB, 2, slots, buffer, delayedAck),
                };
            }

            private static NetworkStack NewStack(ILink link, int host, int slots, int buffer, bool delayedAck)
            {
                var config = new StackConfig();
                config.MacAddress = new byte[] { 0x02, 0, 0, 0, 0, (byte)host };
                config.IpAddress = Ip4.Address(192, 0, 2, host);
                config.Gateway = 0;
                config.ConnectionSlots = slots;
                config.ListenerSlots = 1;
                config.SendBufferSize = buffer;
                config.ReceiveBufferSize = buffer;
                config.GratuitousArp = false;
                config.DelayedAck = delayedAck;
                config.Nagle = false;
                // A fixed ISN key: the same sequence numbers, hence the same figures, on every run.
                config.IsnSecret = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte)host };
                return new NetworkStack(config, link);
            }

            public static Pair Connected(int slots, int buffer, bool delayedAck)
            {
                Pair p = Create(slots, buffer, delayedAck);
                int listener = p.B.Listen(80, 1);
                p.ConnA = p.A.Connect(IpB, 80);
                p.ConnB = -1;
                for (int i = 0; i < 50 && p.ConnB < 0; i++) { p.Run(1); p.ConnB = p.B.Accept(listener); }
                if (p.ConnB < 0) throw new InvalidOperationException("not connected");
                return p;
            }

            public void Run(int rounds)
            {
                for (int i = 0; i < rounds; i++)
                {
                    A.Poll(Tick());
                    B.Poll(_now);
                }
            }
        }
    }
}
