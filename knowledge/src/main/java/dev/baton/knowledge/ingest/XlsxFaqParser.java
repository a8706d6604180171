package dev.baton.knowledge.ingest;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FAQ tables as XLSX (see {@link FaqTable}). Every sheet with a question/answer header is read; when the workbook
 * has several sheets, the sheet name is the default category. Row numbers are Excel's (header = row 1).
 */
public final class XlsxFaqParser implements DocumentParser {

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        List<KnowledgeEntry> entries = new ArrayList<>();
        DataFormatter fmt = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); Workbook wb = new XSSFWorkbook(in)) {
            boolean manySheets = wb.getNumberOfSheets() > 1;
            int tables = 0;
            for (Sheet sheet : wb) {
                FaqTable table = null;
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : fmt.formatCellValue(cell));
                    }
                    if (table == null) {
                        if (cells.stream().allMatch(String::isBlank)) {
                            continue;
                        }
                        try {
                            table = FaqTable.withHeader(relPath, cells);
                            tables++;
                        } catch (IllegalArgumentException e) {
                            break; // not an FAQ sheet
                        }
                        continue;
                    }
                    KnowledgeEntry e = table.entry(cells, row.getRowNum() + 1, manySheets ? sheet.getSheetName() : "");
                    if (e != null) {
                        entries.add(e);
                    }
                }
            }
            if (tables == 0) {
                throw new IllegalArgumentException("no sheet has the columns question and answer");
            }
        }
        return entries;
    }
}
