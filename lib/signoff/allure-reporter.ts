// allure-playwright 3.12.2 with two crashes of ours worked around, so a bad name in a suite or
// a merge of shards cannot cost a sign-off its report:
//  - `playwright merge-reports` hands reporters a config without projects; allure-playwright
//    reads config.projects[0].outputDir and throws. Give it an empty project's folders.
//  - an attachment named `*-diff.png`, `*-actual.png` or `*-expected.png` is taken for a
//    screenshot comparison and its path is read; attached from memory it has none, and the
//    reporter throws. Such in-memory attachments are renamed (`x-diff.png` → `x-diff (image).png`).
// And it labels a failed test with its failure category (recorded from the error's type by
// fixtures/failure-category.ts), which the report's categories match on (categories.ts).
// allure-playwright reads labels from annotations only when a test begins, so the label is
// set on its result directly before the result is finished.

import { AllureReporter } from 'allure-playwright';
import type { FullConfig, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { categoryFromAnnotations, FAILURE_CATEGORY_LABEL } from './categories.ts';

const COMPARISON_NAME = /-(expected|diff|actual)\.png$/;

/**
 * The harness's own projects (playwright.config.ts): its unit tests, the harness against a
 * faulty camera and the verdict's proof. The report is about a camera, so their tests stay
 * out of it (they are in the console, results.json and junit.xml); recording the steps of
 * some 700 unit tests also cost npm test half a minute of CPU.
 */
const HARNESS_PROJECTS: ReadonlySet<string> = new Set(['unit', 'harness', 'fidelity']);

function aboutTheCamera(test: TestCase): boolean {
  return !HARNESS_PROJECTS.has(test.parent.project()?.name ?? '');
}

export default class HilAllureReporter extends AllureReporter {
  override onBegin(suite: Suite): void {
    // allure-playwright lists every test it never saw as skipped at the end: it must not see these.
    const onlyCamera = Object.create(suite) as Suite;
    onlyCamera.allTests = () => suite.allTests().filter(aboutTheCamera);
    super.onBegin(onlyCamera);
  }

  override onTestBegin(test: TestCase): void {
    if (aboutTheCamera(test)) super.onTestBegin(test);
  }

  override onStepBegin(test: TestCase, result: TestResult, step: TestStep): void {
    if (aboutTheCamera(test)) super.onStepBegin(test, result, step);
  }

  override onStepEnd(test: TestCase, result: TestResult, step: TestStep): void {
    if (aboutTheCamera(test)) super.onStepEnd(test, result, step);
  }

  override onConfigure(config: FullConfig): void {
    if (!config.projects?.length) {
      const empty = { outputDir: config.rootDir, snapshotDir: config.rootDir } as FullConfig['projects'][number];
      config = { ...config, projects: [empty] };
    }
    super.onConfigure(config);
  }

  override onTestEnd(test: TestCase, result: TestResult): Promise<void> {
    if (!aboutTheCamera(test)) return Promise.resolve();
    if (result.status !== 'passed' && result.status !== 'skipped') this.label(test, FAILURE_CATEGORY_LABEL, categoryFromAnnotations(result.annotations ?? []));
    if (!result.attachments.some((a) => !a.path && COMPARISON_NAME.test(a.name))) return super.onTestEnd(test, result);
    const attachments = result.attachments.map((a) => (!a.path && COMPARISON_NAME.test(a.name) ? { ...a, name: a.name.replace(/\.png$/, ' (image).png') } : a));
    return super.onTestEnd(test, { ...result, attachments });
  }

  private label(test: TestCase, name: string, value: string): void {
    // allure-playwright's own fields (JavaScript; not in its typings), pinned by package-lock.json.
    const self = this as unknown as { allureResultsUuids?: Map<string, string>; allureRuntime?: { updateTest(uuid: string, fn: (r: { labels: { name: string; value: string }[] }) => void): void } };
    const uuid = self.allureResultsUuids?.get(test.id);
    if (uuid && self.allureRuntime) self.allureRuntime.updateTest(uuid, (r) => void r.labels.push({ name, value }));
  }
}
