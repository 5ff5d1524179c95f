package org.bootctl.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a bench ran on, as the report names it: cores, CPU model, memory, Java.
 *
 * @param cores    processors available to the JVM
 * @param cpu      the model name from /proc/cpuinfo, or "unknown"
 * @param memoryMb total memory from /proc/meminfo, or -1
 * @param java     vendor, version and VM
 * @param load     the load average over the last minute when the bench began (other work competes
 *                 for the cores: real-time figures suffer first), or NaN
 */
record Machine(int cores, String cpu, long memoryMb, String java, double load) {

    static Machine current() {
        String cpu = "unknown";
        long memoryMb = -1;
        try {
            cpu = lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            memoryMb = lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave what is unknown
        }
        String java = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ")";
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memoryMb, java, load < 0 ? Double.NaN : load);
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(Path.of(file));
    }

    @Override
    public String toString() {
        return cores + " cores, " + cpu + ", " + (memoryMb < 0 ? "?" : memoryMb + " MB") + ", Java " + java
                + (Double.isNaN(load) ? "" : String.format(Locale.ROOT, "; load average %.2f at the start", load));
    }
}
