using System;
using System.Diagnostics;
using System.Globalization;
using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Bench
{
    /// <summary>
    /// Steady-state SPI cost of the driver per frame (ENC28J60 facts §10.2 budget: ≤ 5 per received, ≤ 9 per
    /// transmitted frame) and host CPU time per frame, against the emulated rev. B7 chip, full duplex.
    /// Receive is measured in batches of <see cref="Batch"/> frames (what the ring holds of full-size frames);
    /// the single-frame-batch figure is printed too. Transmit sends back-to-back frames of one size.
    /// </summary>
    public static class Program
    {
        private const int Batch = 4;
        private const int Frames = 20000;
        private const int SmallFrame = 60;   // 64 bytes on the wire with the FCS
        private const int LargeFrame = 1514; // 1518 bytes on the wire with the FCS

        private static readonly byte[] OurMac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

        public static void Main()
        {
            Measurement rxSmall = MeasureReceive(SmallFrame, Batch);
            Measurement rxLarge = MeasureReceive(LargeFrame, Batch);
            Measurement rxSingle = MeasureReceive(SmallFrame, 1);
            Measurement txSmall = MeasureTransmit(SmallFrame);
            Measurement txLarge = MeasureTransmit(LargeFrame);

            Print("enc28j60.rx_spi_transactions_per_frame", Math.Max(rxSmall.Transactions, rxLarge.Transactions));
            Print("enc28j60.tx_spi_transactions_per_frame", Math.Max(txSmall.Transactions, txLarge.Transactions));
            Print("enc28j60.rx_spi_transactions_per_64_frame", rxSmall.Transactions);
            Print("enc28j60.rx_spi_transactions_per_1514_frame", rxLarge.Transactions);
            Print("enc28j60.rx_spi_transactions_per_frame_batch_of_1", rxSingle.Transactions);
            Print("enc28j60.tx_spi_transactions_per_64_frame", txSmall.Transactions);
            Print("enc28j60.tx_spi_transactions_per_1514_frame", txLarge.Transactions);
            Print("enc28j60.rx_spi_bytes_per_64_frame", rxSmall.Bytes);
            Print("enc28j60.rx_spi_bytes_per_1514_frame", rxLarge.Bytes);
            Print("enc28j60.tx_spi_bytes_per_64_frame", txSmall.Bytes);
            Print("enc28j60.tx_spi_bytes_per_1514_frame", txLarge.Bytes);
            Print("enc28j60.rx_host_cpu_us_per_64_frame", rxSmall.DriverMicroseconds);
            Print("enc28j60.rx_host_cpu_us_per_1514_frame", rxLarge.DriverMicroseconds);
            Print("enc28j60.tx_host_cpu_us_per_64_frame", txSmall.DriverMicroseconds);
            Print("enc28j60.tx_host_cpu_us_per_1514_frame", txLarge.DriverMicroseconds);
            Print("enc28j60.rx_host_cpu_us_per_1514_frame_with_emulator", rxLarge.TotalMicroseconds);
            Print("enc28j60.tx_host_cpu_us_per_1514_frame_with_emulator", txLarge.TotalMicroseconds);
            Print("enc28j60.driver_allocated_bytes_per_frame",
                Math.Max(Math.Max(rxSmall.DriverAllocatedBytes, rxLarge.DriverAllocatedBytes),
                    Math.Max(txSmall.DriverAllocatedBytes, txLarge.DriverAllocatedBytes)));
        }

        private struct Measurement
        {
            public double Transactions;
            public double Bytes;
            public double DriverMicroseconds;
            public double TotalMicroseconds;
            public double DriverAllocatedBytes;
        }

        private sealed class Setup
        {
            public Enc28j60Chip Chip;
            public MeteredBus Bus;
            public Enc28j60Driver Driver;
        }

        private static Setup Start()
        {
            var chip = new Enc28j60Chip(new Enc28j60ChipOptions { Strict = true });
            chip.LinkUp = true;
            var bus = new MeteredBus(chip);
            var driver = new Enc28j60Driver(bus, new VirtualClock(chip, bus), new Enc28j60Options { MacAddress = OurMac });
            if (driver.Initialize() != Enc28j60InitResult.Success)
            {
                throw new InvalidOperationException("initialisation failed");
            }

            return new Setup { Chip = chip, Bus = bus, Driver = driver };
        }

        private static Measurement MeasureReceive(int length, int batch)
        {
            Setup s = Start();
            byte[] frame = new byte[length];
            Array.Copy(OurMac, frame, 6);
            frame[12] = 0x88;
            frame[13] = 0xB5;
            var buffer = new byte[1600];

            // Warm up (JIT, first batch), then measure whole batches: queue, then Receive until it returns 0.
            RunReceiveBatches(s, frame, buffer, batch, 50, out _);
            long transactions = s.Chip.SpiTransactions, bytes = s.Chip.SpiBytes;
            long emulator = s.Bus.EmulatorTicks, emulatorAllocated = s.Bus.EmulatorAllocatedBytes;
            long start = Stopwatch.GetTimestamp();
            long driverTicks = RunReceiveBatches(s, frame, buffer, batch, Frames / batch, out long allocated);
            long total = Stopwatch.GetTimestamp() - start;
            int frames = Frames / batch * batch;
            return Result(s, frames, transactions, bytes, driverTicks, total, emulator, allocated, emulatorAllocated);
        }

        /// <summary>
        /// Returns the ticks spent in driver calls and the bytes allocated during them (the emulator's share of both
        /// is subtracted later).
        /// </summary>
        private static long RunReceiveBatches(Setup s, byte[] frame, byte[] buffer, int batch, int batches,
            out long allocated)
        {
            long ticks = 0;
            allocated = 0;
            for (int b = 0; b < batches; b++)
            {
                for (int i = 0; i < batch; i++)
                {
                    if (!s.Chip.ReceiveFromWire(frame, 0, frame.Length))
                    {
                        throw new InvalidOperationException("frame not stored");
                    }
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                int received = 0;
                while (s.Driver.Receive(buffer, 0, buffer.Length) > 0)
                {
                    received++;
                }

                ticks += Stopwatch.GetTimestamp() - start;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                if (received != batch)
                {
                    throw new InvalidOperationException("frames lost: " + received + " of " + batch);
                }
            }

            return ticks;
        }

        private static Measurement MeasureTransmit(int length)
        {
            Setup s = Start();
            byte[] frame = new byte[length];
            for (int i = 0; i < 6; i++)
            {
                frame[i] = 0xFF;
            }

            Array.Copy(OurMac, 0, frame, 6, 6);
            frame[12] = 0x88;
            frame[13] = 0xB5;
            for (int i = 0; i < 50; i++)
            {
                s.Driver.Transmit(frame, 0, length);
            }

            s.Driver.FlushTransmit();
            long transactions = s.Chip.SpiTransactions, bytes = s.Chip.SpiBytes;
            long emulator = s.Bus.EmulatorTicks, emulatorAllocated = s.Bus.EmulatorAllocatedBytes;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < Frames; i++)
            {
                if (!s.Driver.Transmit(frame, 0, length))
                {
                    throw new InvalidOperationException("transmit refused");
                }
            }

            s.Driver.FlushTransmit();
            long total = Stopwatch.GetTimestamp() - start;
            if (s.Driver.Counters.FramesOut != Frames + 50)
            {
                throw new InvalidOperationException("frames not sent");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            return Result(s, Frames, transactions, bytes, total, total, emulator, allocated, emulatorAllocated);
        }

        private static Measurement Result(Setup s, int frames, long transactions, long bytes, long driverTicks,
            long totalTicks, long emulatorBefore, long allocated, long emulatorAllocatedBefore)
        {
            long emulatorTicks = s.Bus.EmulatorTicks - emulatorBefore;
            long driverAllocated = allocated - (s.Bus.EmulatorAllocatedBytes - emulatorAllocatedBefore);
            double microsecondsPerTick = 1e6 / Stopwatch.Frequency;
            return new Measurement
            {
                Transactions = (double)(s.Chip.SpiTransactions - transactions) / frames,
                Bytes = (double)(s.Chip.SpiBytes - bytes) / frames,
                DriverMicroseconds = (driverTicks - emulatorTicks) * microsecondsPerTick / frames,
                TotalMicroseconds = totalTicks * microsecondsPerTick / frames,
                DriverAllocatedBytes = (double)driverAllocated / frames,
            };
        }

        private static void Print(string name, double value)
        {
            Console.WriteLine(name + "=" + Math.Round(value, 2).ToString(CultureInfo.InvariantCulture));
        }
    }
}
