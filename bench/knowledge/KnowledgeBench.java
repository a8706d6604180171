import dev.baton.knowledge.*;
import dev.baton.knowledge.eval.RetrievalEval;
import dev.baton.knowledge.eval.RetrievalReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.*;
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.stream.Stream;

/**
 * Scale benchmark: builds a synthetic knowledge base of {@code multiplier} × the given FAQ table (copy 0 is the
 * original; the other copies are perturbed variants with new ids: product names swapped, a scenario suffix and a
 * politeness prefix), then measures index build rate, heap, single-thread query latency for the cases in every
 * mode, and how fast a saved file becomes searchable through the watcher. The synthetic data is written to a
 * temporary folder, never to the repository.
 *
 * java -Xmx2g -cp CP KnowledgeBench faq.csv cases.jsonl multiplier workDir [--reuse]
 * With --reuse, the folder and index of the previous run are opened as they are (steady state: no background
 * merges from the build), so the build numbers are those of a no-op sync.
 */
public class KnowledgeBench {
    static final String[] PRODUCTS = {"花呗", "借呗", "余额宝", "信用卡", "网商贷", "蚂蚁森林", "芝麻信用", "相互宝", "余利宝", "银行卡"};
    static final String[] SCENARIOS = {"手机端", "电脑上", "国际版", "企业账户", "亲情卡", "海外", "老年版", "学生认证", "夜间", "节假日",
            "新用户", "老用户", "商家", "退休人员", "会员", "双十一", "刚绑定", "异地", "APP更新后", "小程序"};
    static final String[] PREFIXES = {"", "请问", "你好，", "我想知道", "麻烦问下", "在线等，", "急！", "咨询一下"};

    public static void main(String[] args) throws Exception {
        Path faq = Path.of(args[0]), cases = Path.of(args[1]);
        int multiplier = Integer.parseInt(args[2]);
        Path work = Files.createDirectories(Path.of(args[3]));
        Path folder = work.resolve("knowledge"), indexDir = work.resolve("index");
        boolean reuse = args.length > 4 && args[4].equals("--reuse") && Files.isDirectory(folder);
        if (!reuse) {
            deleteTree(folder); deleteTree(indexDir);
            Files.createDirectories(folder);
            int entries = generate(faq, folder, multiplier);
            System.out.printf("synthetic knowledge base: %d entries in %s%n", entries, folder);
        }

        KnowledgeConfig cfg = new KnowledgeConfig(folder, indexDir, true, null, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, KnowledgeBase.defaultEmbedders())) {
            long tOpen = System.nanoTime();
            SyncReport report = kb.sync();
            double buildS = (System.nanoTime() - tOpen) / 1e9;
            System.out.println("build: " + report.summary());
            System.out.printf("build rate: %.0f entries/s (%.1f s for %d entries; model load %.1f s)%n",
                    report.entriesIndexed() / buildS, buildS, report.entriesIndexed(), (tOpen - t0) / 1e9);
            System.out.printf("heap after build (after GC): %d MB; peak heap during build: %d MB; index on disk: %d MB%n",
                    heapMb(), peakHeapMb(), sizeMb(indexDir));

            SyncReport again = kb.sync();
            System.out.println("unchanged re-sync: " + again.summary());

            RetrievalReport r = RetrievalEval.run(kb, cases, 500);
            System.out.print(r.toTable());
            System.out.println(r.toJson());
            System.out.printf("heap after queries (after GC): %d MB%n", heapMb());

            kb.startWatching();
            List<Long> visible = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String marker = "独角兽测试问题" + i + "号";
                long start = System.nanoTime();
                Files.writeString(folder.resolve("watch-faq.md"), "# " + marker + "？\n\n答案 " + i + "。\n");
                while (kb.search(marker, 1).best().filter(h -> h.question().contains(marker)).isEmpty()) {
                    Thread.sleep(10);
                    if (System.nanoTime() - start > 30_000_000_000L) break;
                }
                visible.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(500);
            }
            System.out.println("save → searchable via watcher (ms, debounce 300 ms): " + visible);
        }
    }

    static int generate(Path faq, Path folder, int multiplier) throws IOException {
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(faq)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        Random random = new Random(7);
        int n = 0;
        for (int copy = 0; copy < multiplier; copy++) {
            try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(folder.resolve("faq-%02d.csv".formatted(copy))), CSVFormat.RFC4180)) {
                out.printRecord("id", "question", "answer");
                for (CSVRecord row : rows) {
                    String q = row.get("question");
                    if (copy > 0) {
                        for (String p : PRODUCTS) {
                            if (q.contains(p)) { q = q.replace(p, PRODUCTS[random.nextInt(PRODUCTS.length)]); break; }
                        }
                        q = PREFIXES[random.nextInt(PREFIXES.length)] + q + "（" + SCENARIOS[random.nextInt(SCENARIOS.length)] + "）";
                    }
                    out.printRecord(copy == 0 ? row.get("id") : "syn%d-%s".formatted(copy, row.get("id")), q, row.get("answer"));
                    n++;
                }
            }
        }
        return n;
    }

    static long heapMb() {
        System.gc(); System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    static long peakHeapMb() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak / (1024 * 1024);
    }

    static long sizeMb(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / (1024 * 1024);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
