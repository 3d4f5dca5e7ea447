import './session/session-data';

export { CourseModule, type CourseModuleOptions } from './course.module';
export { configureCourseApp, type CourseAppSetup } from './configure-app';
export { readServerConfig, type ServerConfig } from './server-config';
export { startCourseServer, type CourseServerSetup } from './start-course-server';
export { courseSession, sessionCookieName, sessionMaxAgeMs } from './session/course-session';
export { SERVER_ID, CHAPTER_TITLE, SESSION_COOKIE_NAME } from './course.tokens';
export { JsonErrorFilter } from './common/filters/json-error.filter';
export { SessionAvailableGuard } from './common/guards/session-available.guard';
export { storeUnavailable } from './common/http-errors';
export {
  SESSION_INSPECTOR,
  type SessionInspector,
  type SessionSummary,
} from './session/session-inspector';
export { inspectStore, summarize } from './session/store-inspector';
export { regenerate, save, destroy } from './session/session-io';
export { describeMe, type Me } from './me/describe-me';
export { renderHomePage, cartItems, hue } from './home/home-page';
export { HtmlPage } from './common/decorators/html-page.decorator';
export { loginBody, loginBodyPipe, type LoginBody } from './auth/login.dto';
export { addItemBody, addItemBodyPipe, maxCartItems, type AddItemBody } from './cart/add-item.dto';
export { ZodBodyPipe } from './common/pipes/zod-body.pipe';
